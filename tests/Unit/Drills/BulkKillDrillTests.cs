using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.HostSimulator.WsMan;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Tests.Unit.HostSimulator;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Drills;

/// <summary>
/// Fault drill (issue 8): the dashboard process is killed (SIGKILL) in the middle of a 200-VM bulk change and started
/// again on the same store. The fleet is simulated in the test process, served over WS-Management/HTTPS, so it outlives
/// the kill and counts every <c>ModifySystemSettings</c> it receives. After the restart: no VM was changed twice, every
/// VM's outcome is known (the host decides the ones the crash left open), the store agrees with the hosts, and the
/// SQLite file is intact with its bulk and audit rows.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed partial class BulkKillDrillTests : IAsyncLifetime
{
    private const int VmCount = 200;
    private const ushort Standard = 5;
    private const ushort Production = 3;
    private const string AdminUser = "drill-admin";
    private const string CredentialName = "drill";

    /// <summary>Killed once this many VMs have been changed: well into the run, far from its end.</summary>
    private const int KillAfterChanges = 60;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_settleTimeout = TimeSpan.FromSeconds(90);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cpd-drills", Guid.NewGuid().ToString("N"));
    private readonly string _adminPassword = "Drill-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private readonly string _hostPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
    private readonly ConcurrentDictionary<Guid, int> _modifications = new();
    private readonly List<DashboardProcess> _processes = [];
    private SimulatedFleet _fleet = null!;
    private SimulatorWsManHost _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DataDirectory => Path.Combine(_root, "data");

    public async ValueTask InitializeAsync()
    {
        // Six standalone hosts and a two-node cluster, 200 VMs, all on Standard checkpoints: each one needs a change.
        // A little latency on every request keeps the bulk change running long enough to kill it part-way.
        _fleet = new SimulatedFleet(TimeProvider.System, seed: 8);
        var hosts = Enumerable.Range(1, 6).Select(i => _fleet.AddHost($"DRILL-HV{i:00}")).ToList();
        var cluster = _fleet.AddCluster("DRILL-CLU", ["DRILL-N1", "DRILL-N2"]);
        hosts.AddRange(cluster.Nodes);
        for (var i = 0; i < VmCount; i++)
        {
            SimulatorHarness.AddVm(hosts[i % hosts.Count], $"DRILL-VM{i:000}", checkpointType: Standard);
        }

        foreach (var host in _fleet.Hosts)
        {
            host.Faults = host.Faults with { Latency = TimeSpan.FromMilliseconds(30) };
        }

        _server = await SimulatorWsManHost.StartAsync(_fleet, new WsManServerOptions
        {
            UseHttps = true,
            UserName = "drill",
            Password = _hostPassword,
            OnInvoke = Observe,
        }, Token).WaitAsync(TestTimeouts.Long, Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    [Fact]
    public async Task KilledMidBulkChange_Restarted_NoVmChangedTwice_EveryOutcomeKnown_StoreIntact()
    {
        var watch = Stopwatch.StartNew();
        var vmIds = _fleet.Hosts.SelectMany(h => h.Vms).Select(v => v.Id).ToList();
        Assert.Equal(VmCount, vmIds.Count);

        // First run: sign in, wait until the inventory shows every VM needing the change, start the bulk change.
        var first = await StartDashboardAsync("first run");
        using var firstClient = await SignInAsync(first);
        await WaitForPreviewAsync(first, firstClient, vmIds);
        using var started = await firstClient.PostAsJsonAsync(new Uri("/api/v1/bulk/checkpoint-settings", UriKind.Relative),
            new { vmIds, checkpointType = "Production", dryRun = false }, Token).WaitAsync(TestTimeouts.Long, Token);
        var startedText = await started.Content.ReadAsStringAsync(Token);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"The bulk change did not start: {(int)started.StatusCode} {startedText}{Environment.NewLine}{first.Tail()}");
        Guid bulkId;
        using (var json = JsonDocument.Parse(startedText))
        {
            bulkId = json.RootElement.GetProperty("id").GetGuid();
        }

        // Kill it as soon as enough VMs were changed on the hosts.
        await WaitUntilAsync(() => _modifications.Values.Sum() >= KillAfterChanges || first.HasExited, s_settleTimeout,
            () => $"Only {_modifications.Values.Sum()} VMs were changed before the kill was due.{Environment.NewLine}{first.Tail()}");
        Assert.False(first.HasExited, $"The dashboard exited on its own before the kill.{Environment.NewLine}{first.Tail()}");
        await first.KillAsync();
        var atKill = _modifications.Values.Sum();
        var killedAt = watch.Elapsed;
        Assert.True(atKill < VmCount, $"The bulk change had already sent all {atKill} changes before the kill: the drill proves nothing. Slow the fleet down.");

        // Second run, same store: the bulk change must be resumed and reconciled to a final state, every VM known.
        var second = await StartDashboardAsync("after the restart");
        using var secondClient = await SignInAsync(second);
        var final = await WaitForSettledAsync(second, secondClient, bulkId);
        var items = await ItemsAsync(second, secondClient, bulkId);
        await second.KillAsync();
        var report = Report(atKill, killedAt, watch.Elapsed, final, items, second);
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        // No VM was changed twice.
        var twice = _modifications.Where(m => m.Value > 1).Select(m => $"{Name(m.Key)} x{m.Value}").ToList();
        Assert.True(twice.Count == 0, $"VMs changed more than once: {string.Join(", ", twice)}{Environment.NewLine}{report}");

        // Every VM has a known outcome, and what the store says is what the host shows.
        Assert.True(items.Count == VmCount, $"The bulk change has {items.Count} items, not {VmCount}.{Environment.NewLine}{report}");
        var open = items.Where(i => i.Status is not (BulkItemStatus.Succeeded or BulkItemStatus.Failed or BulkItemStatus.Skipped)).ToList();
        Assert.True(open.Count == 0, $"Items without a known outcome: {Describe(open)}{Environment.NewLine}{report}");
        var unexplained = items.Where(i => i.Status != BulkItemStatus.Succeeded && string.IsNullOrWhiteSpace(i.Detail)).ToList();
        Assert.True(unexplained.Count == 0, $"Failed or skipped without a reason: {Describe(unexplained)}{Environment.NewLine}{report}");
        var disagree = items.Where(i => (i.Status == BulkItemStatus.Succeeded) != (TypeOnHost(i.VmId) == Production)).ToList();
        Assert.True(disagree.Count == 0, $"The store and the hosts disagree: {Describe(disagree)}{Environment.NewLine}{report}");

        // Every change that reached a host is one the store reports as made, and nothing else changed.
        var changedOnHosts = vmIds.Where(id => TypeOnHost(id) == Production).ToHashSet();
        Assert.True(changedOnHosts.SetEquals(_modifications.Where(m => m.Value > 0).Select(m => m.Key)),
            $"VMs on Production ({changedOnHosts.Count}) are not the VMs that received a change ({_modifications.Count(m => m.Value > 0)}).{Environment.NewLine}{report}");

        await AssertStoreIntactAsync(bulkId, report);
    }

    private void Observe(WsManInvocation call)
    {
        if (call.Method == "ModifySystemSettings" &&
            call.Arguments.GetValueOrDefault("SystemSettings") is CimInstance settings &&
            HyperVSchema.GuidFromInstanceId(settings.GetString("InstanceID")) is { } vmId)
        {
            _modifications.AddOrUpdate(vmId, 1, (_, count) => count + 1);
        }
    }

    private async Task<DashboardProcess> StartDashboardAsync(string label)
    {
        var settings = new Dictionary<string, string>
        {
            ["Store:DataDirectory"] = DataDirectory,
            ["Auth:BootstrapAdmin:UserName"] = AdminUser,
            ["Auth:BootstrapAdmin:Password"] = _adminPassword,
            [$"Credentials:{CredentialName}:UserName"] = "drill",
            [$"Credentials:{CredentialName}:Password"] = _hostPassword,

            // Quick reads, polls and checks, so a 200-VM change, a restart and a reconciliation fit in well under a minute.
            ["Fleet:RefreshInterval"] = "00:00:02",
            ["Fleet:ClusterDiscoveryInterval"] = "00:00:05",
            ["Fleet:DiskScanInterval"] = "01:00:00",
            ["Jobs:PollInterval"] = "00:00:00.200",
            ["Jobs:ReconcileInterval"] = "00:00:01",
            ["Bulk:CheckInterval"] = "00:00:01",
            ["Hardening:Api:PermitLimit"] = "100000",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        var index = 0;
        foreach (var host in _fleet.StandaloneHosts.OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            Endpoint(settings, $"Fleet:Hosts:{index++}", host.Name, _server.EndpointFor(host.Name).ToString());
        }

        index = 0;
        foreach (var cluster in _fleet.Clusters)
        {
            var prefix = $"Fleet:Clusters:{index++}";
            Endpoint(settings, prefix, cluster.Name, _server.EndpointFor(cluster.Name).ToString());
            settings[$"{prefix}:NodeEndpoint"] = new Uri(_server.BaseAddress, "NODE/wsman").ToString().Replace("NODE", "{node}", StringComparison.Ordinal);
        }

        var process = DashboardProcess.Start(settings, Path.Combine(_root, "content"), label);
        _processes.Add(process);
        await process.WaitHealthyAsync(s_startTimeout, Token);
        return process;
    }

    private void Endpoint(Dictionary<string, string> settings, string prefix, string name, string endpoint)
    {
        settings[$"{prefix}:Name"] = name;
        settings[$"{prefix}:Endpoint"] = endpoint;
        settings[$"{prefix}:Transport"] = "WsMan";
        settings[$"{prefix}:Authentication"] = "Basic";
        settings[$"{prefix}:Credential"] = CredentialName;
        settings[$"{prefix}:CertificateThumbprint"] = _server.CertificateThumbprint!;
    }

    /// <summary>Signs in through the form (its antiforgery token read from the page); the client keeps the cookie.</summary>
    private async Task<HttpClient> SignInAsync(DashboardProcess dashboard)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = dashboard.BaseAddress,
            Timeout = TestTimeouts.Long,
        };
        var form = await http.GetStringAsync(new Uri("/account/signin", UriKind.Relative), Token);
        var antiforgery = AntiforgeryToken().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.UserName"] = AdminUser,
            ["Input.Password"] = _adminPassword,
        });
        using var signedIn = await http.PostAsync(new Uri("/account/signin", UriKind.Relative), content, Token);
        using var check = await http.GetAsync(new Uri("/api/v1/hosts", UriKind.Relative), Token);
        Assert.True(check.IsSuccessStatusCode,
            $"Could not sign in ({dashboard.Label}): the form answered {(int)signedIn.StatusCode}, the API {(int)check.StatusCode}.{Environment.NewLine}{dashboard.Tail()}");
        return http;
    }

    /// <summary>Waits until a preview of the change counts every VM as needing it (the inventory has read them all).</summary>
    private static async Task WaitForPreviewAsync(DashboardProcess dashboard, HttpClient http, List<Guid> vmIds)
    {
        var last = string.Empty;
        await WaitUntilAsync(async () =>
        {
            using var preview = await http.PostAsJsonAsync(new Uri("/api/v1/bulk/checkpoint-settings", UriKind.Relative),
                new { vmIds, checkpointType = "Production", dryRun = true }, Token);
            last = await preview.Content.ReadAsStringAsync(Token);
            if (!preview.IsSuccessStatusCode)
            {
                return false;
            }

            using var json = JsonDocument.Parse(last);
            return json.RootElement.GetProperty("toChange").GetInt32() == VmCount;
        }, s_startTimeout, () => $"The inventory never showed all {VmCount} VMs needing the change; last preview: {Shorten(last)}{Environment.NewLine}{dashboard.Tail()}");
    }

    /// <summary>Waits until the bulk change is final and no item is left pending, running or unknown.</summary>
    private static async Task<JsonElement> WaitForSettledAsync(DashboardProcess dashboard, HttpClient http, Guid bulkId)
    {
        JsonElement last = default;
        await WaitUntilAsync(async () =>
        {
            using var response = await http.GetAsync(new Uri($"/api/v1/bulk/{bulkId}", UriKind.Relative), Token);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
            last = json.RootElement.Clone();
            return last.GetProperty("state").GetString() != nameof(BulkState.Running) &&
                   last.GetProperty("pending").GetInt32() + last.GetProperty("running").GetInt32() + last.GetProperty("unknown").GetInt32() == 0;
        }, s_settleTimeout, () => $"The bulk change did not settle after the restart; last seen: {last}{Environment.NewLine}{dashboard.Tail()}");
        return last;
    }

    private static async Task<List<BulkItem>> ItemsAsync(DashboardProcess dashboard, HttpClient http, Guid bulkId)
    {
        using var response = await http.GetAsync(new Uri($"/api/v1/bulk/{bulkId}/items", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"Could not read the items: {(int)response.StatusCode} {Shorten(text)}{Environment.NewLine}{dashboard.Tail()}");
        return JsonSerializer.Deserialize<List<BulkItem>>(text, s_json) ?? [];
    }

    /// <summary>Opens the store the killed process left behind: intact, with the bulk change, its items and its audit trail.</summary>
    private async Task AssertStoreIntactAsync(Guid bulkId, string report)
    {
        var file = Path.Combine(DataDirectory, "checkpointdashboard.db");
        var connectionString = $"Data Source={file};Pooling=False";
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            var integrity = (string?)await command.ExecuteScalarAsync(Token);
            Assert.True(integrity == "ok", $"PRAGMA integrity_check: {integrity}{Environment.NewLine}{report}");
        }

        await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(connectionString).Options);
        var bulk = await db.Bulks.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bulkId, Token);
        Assert.True(bulk is { State: not BulkState.Running, FinishedAt: not null }, $"The stored bulk change is {bulk?.State.ToString() ?? "missing"}.{Environment.NewLine}{report}");
        var stored = await db.BulkItems.AsNoTracking().Where(i => i.BulkId == bulkId).ToListAsync(Token);
        Assert.Equal(VmCount, stored.Count);
        Assert.DoesNotContain(stored, i => i.Status is BulkItemStatus.Pending or BulkItemStatus.Running or BulkItemStatus.OutcomeUnknown);
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.BulkId == bulkId).ToListAsync(Token);
        Assert.True(jobs.Select(j => j.VmId).Distinct().Count() == jobs.Count, $"More than one job for a VM.{Environment.NewLine}{report}");

        var tag = $"bulk={bulkId}";
        var audit = await db.Audit.AsNoTracking().Where(a => a.Action == "BulkCheckpointSettings").ToListAsync(Token);
        var mine = audit.Where(a => a.Parameters != null && a.Parameters.Contains(tag, StringComparison.Ordinal)).ToList();
        Assert.True(mine.Any(a => a.Outcome == "Requested") && mine.Any(a => a.Outcome != "Requested"),
            $"The audit trail of the bulk change is incomplete: {string.Join("; ", mine.Select(a => $"{a.Outcome}: {a.Detail}"))}{Environment.NewLine}{report}");

        // Every change the store reports as made is in the audit trail under its job.
        var audited = (await db.Audit.AsNoTracking().Where(a => a.Action == "ChangeCheckpointSettings" && a.JobId != null)
            .Select(a => a.JobId!.Value).ToListAsync(Token)).ToHashSet();
        var unaudited = stored.Where(i => i.Status == BulkItemStatus.Succeeded && i.JobId is { } job && !audited.Contains(job)).Select(i => i.VmName).ToList();
        Assert.True(unaudited.Count == 0, $"Changes without an audit entry: {string.Join(", ", unaudited)}{Environment.NewLine}{report}");
    }

    private ushort? TypeOnHost(Guid vmId) => _fleet.FindVm(vmId) is { } found ? found.Host.Locked(() => found.Vm.UserSnapshotType) : null;

    private string Name(Guid vmId) => _fleet.FindVm(vmId)?.Vm.Name ?? vmId.ToString();

    private string Describe(IEnumerable<BulkItem> items) =>
        string.Join("; ", items.Take(10).Select(i => $"{i.VmName} {i.Status} (host shows {TypeOnHost(i.VmId)}, sent {_modifications.GetValueOrDefault(i.VmId)}x): {i.Detail}"));

    private string Report(int atKill, TimeSpan killedAt, TimeSpan elapsed, JsonElement final, List<BulkItem> items, DashboardProcess dashboard)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Killed at {killedAt.TotalSeconds:F1} s with {atKill} changes sent; settled at {elapsed.TotalSeconds:F1} s; ")
            .Append(CultureInfo.InvariantCulture, $"{_modifications.Values.Sum()} changes sent in all.").AppendLine()
            .Append("Final: ").Append(final.ToString()).AppendLine()
            .Append("Items by status: ").AppendJoin(", ", items.CountBy(i => i.Status).Select(c => $"{c.Value} {c.Key}")).AppendLine()
            .Append("Details: ").AppendJoin(" | ", items.Where(i => i.Status != BulkItemStatus.Succeeded).Select(i => i.Detail).Distinct().Take(5)).AppendLine()
            .Append(dashboard.Tail());
        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition().WaitAsync(TestTimeouts.Long, Token))
            {
                return;
            }

            await Task.Delay(100, Token);
        }

        Assert.Fail(failure());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
