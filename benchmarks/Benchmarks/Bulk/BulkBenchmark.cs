using System.Diagnostics;
using System.Globalization;
using CheckpointDashboard.Dashboard.Bulk;
using CheckpointDashboard.Dashboard.Jobs;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Benchmarks.Bulk;

/// <summary>
/// The issue-5 target, end to end: the real dashboard (Kestrel on loopback, SQLite store, job and bulk services)
/// changes the checkpoint type of 1,000 VMs on 50 simulated hosts reached over WS-Management/HTTPS with a simulated
/// network latency on every request, while a client keeps loading pages and API answers to show the UI stays
/// responsive. The bound it is compared with is measured in the same run: the time one VM's change takes alone,
/// times the number of rounds the concurrency limits force (VMs ÷ changes allowed at once).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/Benchmarks -- bulk [--hosts 50] [--vms 1000] [--latency-ms 50]</c>.</remarks>
internal static class BulkBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        // WebApplicationFactory finds the dashboard's content root through MvcTestingAppManifest.json, read relative to
        // the working directory; `dotnet run` starts in the repository root.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var hosts = Option(args, "--hosts", 50);
        var vmCount = Option(args, "--vms", 1000);
        var latencyMs = Option(args, "--latency-ms", 50);
        var vmsPerHost = (int)Math.Ceiling((vmCount + 10) * 1.5 / hosts);
        var storeIndex = Array.IndexOf(args, "--store-dir");
        var store = Path.Combine(storeIndex >= 0 && storeIndex + 1 < args.Length ? args[storeIndex + 1] : Path.GetTempPath(), "cpd-bench-bulk", Guid.NewGuid().ToString("N"));
        await using var app = new App(new Dictionary<string, string?>
        {
            ["Simulator:Hosts"] = hosts.ToString(CultureInfo.InvariantCulture),
            ["Simulator:VmsPerHost"] = vmsPerHost.ToString(CultureInfo.InvariantCulture),
            ["Simulator:Speed"] = "4",
            ["Simulator:Latency"] = TimeSpan.FromMilliseconds(latencyMs).ToString("c", CultureInfo.InvariantCulture),
            ["Fleet:RefreshInterval"] = "00:00:05",
            ["Jobs:PollInterval"] = "00:00:00.200",
            ["Store:DataDirectory"] = store,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:BootstrapAdmin:UserName"] = BenchmarkUser,
            ["Auth:BootstrapAdmin:Password"] = BenchmarkPassword,
        });
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.ClientOptions.BaseAddress;
        var services = app.Services;
        var inventory = services.GetRequiredService<IFleetInventory>();
        var bulk = services.GetRequiredService<IBulkService>();
        var bulkOptions = services.GetRequiredService<IOptions<BulkOptions>>().Value;
        var jobOptions = services.GetRequiredService<IOptions<JobsOptions>>().Value;
        var fleet = services.GetRequiredService<SimulatedFleet>();

        Console.WriteLine($"Fleet: {hosts} simulated hosts, {vmsPerHost} VMs each, {latencyMs} ms added to every WS-Management request.");
        var loadWatch = Stopwatch.StartNew();
        await WaitAsync(inventory, s => s.Hosts.Length == hosts && s.Hosts.All(h => h.State == HostState.Online), TimeSpan.FromMinutes(5));
        Console.WriteLine($"First full inventory: {loadWatch.Elapsed.TotalSeconds:F1} s.");

        // Every VM starts as Standard with automatic checkpoints on, so every selected VM needs a change.
        foreach (var host in fleet.Hosts)
        {
            host.Locked(() =>
            {
                foreach (var vm in host.Vms)
                {
                    vm.UserSnapshotType = 5;
                    vm.AutomaticCheckpoints = true;
                }

                return 0;
            });
        }

        var target = new CheckpointSettingsTarget(CheckpointType.Production, AutomaticCheckpoints: false);
        var snapshot = await WaitAsync(inventory, s => s.Vms.Count(v => v.CheckpointType == CheckpointType.Standard) >= vmCount + 5, TimeSpan.FromMinutes(2));
        var preview = bulk.Preview(new BulkRequest(VmSelector.All, target));
        var candidates = preview.Items.Where(i => i.WillChange).Select(i => i.VmId).ToList();
        if (candidates.Count < vmCount + 5)
        {
            Console.Error.WriteLine($"Only {candidates.Count} of {preview.Matched} VMs can change ({string.Join(", ", preview.SkipsByReason.Select(s => $"{s.Value} {s.Key}"))}); " +
                $"need {vmCount + 5}. Raise --hosts.");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        await SignInAsync(http);
        await SampleAsync(http, TimeSpan.FromSeconds(2), CancellationToken.None); // warm-up: the first loads compile the pages
        var idle = await SampleAsync(http, TimeSpan.FromSeconds(5), CancellationToken.None);

        // One VM alone, five times on five different VMs: the time a change takes with no queueing.
        var singles = new List<double>();
        foreach (var vmId in candidates.Take(5))
        {
            var watch = Stopwatch.StartNew();
            var one = await bulk.StartAsync(new BulkRequest(new VmSelector { VmIds = [vmId] }, target), "benchmark", CancellationToken.None);
            var done = await FinishedAsync(bulk, one.Id, TimeSpan.FromMinutes(1));
            singles.Add(watch.Elapsed.TotalSeconds);
            if (done.Succeeded != 1)
            {
                Console.Error.WriteLine($"The single-VM change did not succeed: {done}");
                return 2;
            }
        }

        var single = singles.Order().ElementAt(singles.Count / 2);
        var hostsInvolved = candidates.Skip(5).Take(vmCount).Select(id => snapshot.FindVm(id)!.Host).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var concurrency = Math.Min(Math.Min(bulkOptions.MaxConcurrent, jobOptions.MaxConcurrentJobs), hostsInvolved * bulkOptions.MaxConcurrentPerHost);
        var rounds = Math.Ceiling((double)vmCount / concurrency);
        var bound = rounds * single;

        // The run: 1,000 VMs, with a client loading the VM page and the inventory API throughout.
        using var sampling = new CancellationTokenSource();
        var samples = SampleAsync(http, TimeSpan.FromHours(1), sampling.Token);
        var runWatch = Stopwatch.StartNew();
        var started = await bulk.StartAsync(new BulkRequest(new VmSelector { VmIds = [.. candidates.Skip(5).Take(vmCount)] }, target), "benchmark", CancellationToken.None);
        var final = await FinishedAsync(bulk, started.Id, TimeSpan.FromMinutes(30));
        var elapsed = runWatch.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        var busy = await samples;

        var ratio = elapsed / bound;
        Console.WriteLine();
        Console.WriteLine($"| Figure | Value |");
        Console.WriteLine($"|---|---:|");
        Console.WriteLine($"| VMs changed | {final.Succeeded} of {final.Total} ({final.Failed} failed, {final.Unknown} unknown) |");
        Console.WriteLine($"| Limits | {bulkOptions.MaxConcurrentPerHost} per host, {bulkOptions.MaxConcurrent} bulk overall, {jobOptions.MaxConcurrentJobs} jobs overall → {concurrency} at once over {hostsInvolved} hosts |");
        Console.WriteLine($"| One VM alone (median of 5) | {single:F2} s |");
        Console.WriteLine($"| Bound: ⌈{vmCount} / {concurrency}⌉ × {single:F2} s | {bound:F1} s |");
        Console.WriteLine($"| Bulk change of {vmCount} VMs | {elapsed:F1} s |");
        Console.WriteLine($"| Ratio to the bound (target ≤ 1.5) | {ratio:F2} |");
        Console.WriteLine($"| Throughput | {final.Succeeded / elapsed:F1} VMs/s |");
        Console.WriteLine($"| Page /vms + API, idle: p50 / p95 / max | {idle.Describe()} |");
        Console.WriteLine($"| Page /vms + API, during the run: p50 / p95 / max ({busy.Count} loads) | {busy.Describe()} |");
        try
        {
            Directory.Delete(store, recursive: true);
        }
        catch (IOException)
        {
        }

        var pass = ratio <= 1.5 && final.Succeeded == vmCount;
        Console.WriteLine(pass ? "PASS: within 1.5x of the bound." : "FAIL: slower than 1.5x the bound, or not every VM changed.");
        return pass ? 0 : 1;
    }

    private static async Task<BulkJobInfo> FinishedAsync(IBulkService bulk, Guid id, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var watch = bulk.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync().AsTask();
        try
        {
            if (await bulk.FindAsync(id, cts.Token) is { IsFinal: true } done)
            {
                return done;
            }

            while (await next)
            {
                if (watch.Current is BulkEvent.Finished finished && finished.Bulk.Id == id)
                {
                    return finished.Bulk;
                }

                next = watch.MoveNextAsync().AsTask();
            }
        }
        finally
        {
            // An enumerator cannot be disposed while a MoveNext is pending: end that one first.
            await cts.CancelAsync();
            try
            {
                await next;
            }
            catch (OperationCanceledException)
            {
            }

            await watch.DisposeAsync();
        }

        throw new TimeoutException($"Bulk change {id} did not finish within {timeout}.");
    }

    private static async Task<FleetSnapshot> WaitAsync(IFleetInventory inventory, Func<FleetSnapshot, bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await foreach (var snapshot in inventory.WatchAsync(cts.Token))
        {
            if (condition(snapshot))
            {
                return snapshot;
            }
        }

        throw new TimeoutException("The inventory did not get there in time.");
    }

    /// <summary>Loads the VM page and the inventory API alternately, every 250 ms, recording each load's time.</summary>
    private static async Task<Latencies> SampleAsync(HttpClient http, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new Latencies();
        var end = Stopwatch.StartNew();
        var paths = new[] { "/vms", "/api/v1/vms" };
        for (var i = 0; end.Elapsed < duration && !cancellationToken.IsCancellationRequested; i++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await http.GetAsync(new Uri(paths[i % 2], UriKind.Relative), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                response.EnsureSuccessStatusCode();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return latencies;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private sealed class Latencies
    {
        private readonly List<double> _values = [];

        public int Count => _values.Count;

        public void Add(double milliseconds) => _values.Add(milliseconds);

        public string Describe()
        {
            if (_values.Count == 0)
            {
                return "no samples";
            }

            var sorted = _values.Order().ToList();
            return $"{sorted[sorted.Count / 2]:F0} / {sorted[(int)(sorted.Count * 0.95)]:F0} / {sorted[^1]:F0} ms";
        }
    }

    internal const string BenchmarkUser = "benchmark";
    internal const string BenchmarkPassword = "Benchmark-password-1";

    /// <summary>
    /// Signs the sampling client in through the sign-in form (its antiforgery token read from the page), so the page
    /// and API latencies are measured as a signed-in user gets them.
    /// </summary>
    internal static async Task SignInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = BenchmarkUser,
            ["Input.Password"] = BenchmarkPassword,
        });
        using var response = await http.PostAsync(new Uri("/account/signin", UriKind.Relative), content);
        using var check = await http.GetAsync(new Uri("/api/v1/hosts", UriKind.Relative));
        if (!check.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The benchmark could not sign in (sign-in answered {(int)response.StatusCode}, the API {(int)check.StatusCode}).");
        }
    }

    private sealed class App(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
    }
}
