using ClosedXML.Excel;
using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Hosting.Internal;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Reports;

/// <summary>
/// The digest end to end: files on disk, and alerts POSTed over real HTTP to a local receiver in each format, with a
/// failing webhook in the middle, audited, and no webhook secret in any log line.
/// </summary>
public sealed class DigestServiceTests : IAsyncLifetime
{
    private const string Secret = "SECRET-T0K3N";

    private readonly TestStore _store = new();
    private readonly CapturingLoggerProvider _logs = new();
    private WebhookReceiver _receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync(Ct).WaitAsync(TestTimeouts.Long, Ct);

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task Run_WritesFiles_AndPostsEachFormat_PastAFailingWebhook_WithoutLoggingSecrets()
    {
        // Checkpoints created months before the real clock's now: every age finding is Critical whatever day the test runs.
        var fleet = Snapshot([Chain("DC01", 1, type: CheckpointType.Standard), Chain("DEEP01", 5, host: "N1", cluster: "PROD")]);
        await using var services = Services(fleet,
            ("generic", "hooks/generic", WebhookFormat.Generic, FindingSeverity.Warning),
            ("broken", "fail", WebhookFormat.Generic, FindingSeverity.Warning),
            ("slack", "hooks/slack", WebhookFormat.Slack, FindingSeverity.Warning),
            ("teams", "hooks/teams", WebhookFormat.Teams, FindingSeverity.Critical));
        var report = services.GetRequiredService<IReportService>().Build();
        var warnings = Counts(report, FindingSeverity.Warning);
        var critical = Counts(report, FindingSeverity.Critical);
        Assert.True(critical.ContainsKey(ReportRuleIds.Age) && critical.ContainsKey(ReportRuleIds.CriticalNotProduction));
        Assert.True(warnings.ContainsKey(ReportRuleIds.Depth) && warnings.ContainsKey(ReportRuleIds.StandardType));

        var result = await services.GetRequiredService<DigestService>().RunAsync("alice", Ct).WaitAsync(TestTimeouts.Long, Ct);

        Assert.Equal(["Sent", "Failed", "Sent", "Sent"], result.Webhooks.Select(w => w.Outcome));
        Assert.Equal(500, result.Webhooks[1].StatusCode);
        Assert.Equal($"http://127.0.0.1:{_receiver.BaseAddress.Port}", result.Webhooks[0].Target);
        Assert.Equal(2, _receiver.Received.Count(r => r.Path.StartsWith("/fail", StringComparison.Ordinal)));

        using (var generic = _receiver.Single("/hooks/generic"))
        {
            var root = generic.RootElement;
            Assert.StartsWith("Checkpoint digest", root.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Equal(warnings.Values.Sum(), root.GetProperty("total").GetInt32());
            Assert.Equal(warnings, root.GetProperty("counts").GetProperty("byRule").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
            Assert.Equal(critical.Values.Sum(), root.GetProperty("counts").GetProperty("bySeverity").GetProperty("Critical").GetInt32());
            var findings = root.GetProperty("findings").EnumerateArray().ToList();
            Assert.InRange(findings.Count, 1, DigestAlert.MaxLines);
            Assert.Equal("Critical", findings[0].GetProperty("severity").GetString());
            Assert.Contains(findings, f => f.GetProperty("rule").GetString() == ReportRuleIds.CriticalNotProduction && f.GetProperty("vm").GetString() == "DC01");
        }

        using (var slack = _receiver.Single("/hooks/slack"))
        {
            var blocks = slack.RootElement.GetProperty("blocks").EnumerateArray().ToList();
            Assert.StartsWith("Checkpoint digest", slack.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.All(blocks, b => Assert.Equal("mrkdwn", b.GetProperty("text").GetProperty("type").GetString()));
            Assert.Contains($"`{ReportRuleIds.Age}`: {warnings[ReportRuleIds.Age]}", blocks[1].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains("critical-not-production: DC01", blocks[2].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        using (var teams = _receiver.Single("/hooks/teams"))
        {
            Assert.Equal("message", teams.RootElement.GetProperty("type").GetString());
            var attachment = Assert.Single(teams.RootElement.GetProperty("attachments").EnumerateArray());
            Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
            var card = attachment.GetProperty("content");
            Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
            var facts = card.GetProperty("body").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "FactSet")
                .GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString());

            // Critical only: the warnings-only rules are not in this webhook's counts.
            Assert.Equal(critical[ReportRuleIds.Age].ToString(System.Globalization.CultureInfo.InvariantCulture), facts[ReportRuleIds.Age]);
            Assert.False(facts.ContainsKey(ReportRuleIds.Depth));
        }

        Assert.Equal(3, result.Files.Count);
        Assert.All(result.Files, f => Assert.True(File.Exists(f), f));
        using (var workbook = new XLWorkbook(result.Files.Single(f => f.EndsWith(".xlsx", StringComparison.Ordinal))))
        {
            Assert.Equal(report.Rows.Length, workbook.Worksheet("Checkpoints").LastRowUsed().RowNumber() - 1);
        }

        var audit = await _store.Audit.QueryAsync(new AuditQuery(), Ct).WaitAsync(TestTimeouts.Short, Ct);
        var sends = audit.Where(a => a.Action == "SendDigest").OrderBy(a => a.Id).ToList();
        Assert.Equal([("generic", "Completed"), ("broken", "Failed"), ("slack", "Completed"), ("teams", "Completed")], sends.Select(a => (a.Target!, a.Outcome)));
        Assert.Contains(audit, a => a.Action == "WriteDigest" && a.User == "alice");
        Assert.DoesNotContain(audit, a => $"{a.Parameters} {a.Detail}".Contains(Secret, StringComparison.Ordinal));

        var lines = _logs.Lines;
        Assert.Contains(lines, l => l.Contains("broken", StringComparison.Ordinal) && l.Contains("HTTP 500", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_NothingAtTheWebhooksSeverity_PostsNothing()
    {
        await using var services = Services(Snapshot([Chain("APP01", 0)]), ("quiet", "hooks/quiet", WebhookFormat.Slack, FindingSeverity.Critical));

        var result = await services.GetRequiredService<DigestService>().RunAsync("alice", Ct).WaitAsync(TestTimeouts.Long, Ct);

        Assert.Equal("Skipped", Assert.Single(result.Webhooks).Outcome);
        Assert.Empty(_receiver.Received);
    }

    private static Dictionary<string, int> Counts(CheckpointReport report, FindingSeverity minimum) =>
        report.Findings.Where(f => f.Severity >= minimum).GroupBy(f => f.RuleId).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The digest as the app registers it (AddReports), over a fixed fleet, the real store and real HTTP.</summary>
    private ServiceProvider Services(FleetSnapshot fleet, params (string Name, string Path, WebhookFormat Format, FindingSeverity Minimum)[] webhooks)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Reports:Digest:Folder"] = Path.Combine(_store.Folder, "digest"),
            ["Reports:Digest:Retries"] = "1",
            ["Reports:Digest:RetryDelay"] = "00:00:00.010",
        };
        for (var i = 0; i < webhooks.Length; i++)
        {
            var (name, path, format, minimum) = webhooks[i];
            settings[$"Reports:Digest:Webhooks:{i}:Name"] = name;
            settings[$"Reports:Digest:Webhooks:{i}:Url"] = new Uri(_receiver.BaseAddress, $"{path}/{Secret}?key={Secret}").ToString();
            settings[$"Reports:Digest:Webhooks:{i}:Format"] = format.ToString();
            settings[$"Reports:Digest:Webhooks:{i}:MinimumSeverity"] = minimum.ToString();
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IFleetInventory>(new ReportInventory(fleet));
        services.AddSingleton(_store.Contexts);
        services.AddSingleton<IAuditLog>(_store.Audit);
        services.AddSingleton<CheckpointDashboard.Dashboard.Security.IUserAccess>(new AllowEveryone());
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = _store.Folder });
        services.Configure<StoreOptions>(o => o.DataDirectory = _store.Folder);
        services.AddReports(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
