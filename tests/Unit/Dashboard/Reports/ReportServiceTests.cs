using System.Collections.Immutable;
using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Reports;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Reports;

/// <summary>The report service over a hand-built inventory and a real SQLite store.</summary>
public sealed class ReportServiceTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ReportInventory _inventory;
    private readonly ReportService _service;

    public ReportServiceTests()
    {
        _inventory = new ReportInventory(Snapshot([Chain("APP01", 2, oldestDays: 10), Chain("DB01", 1, host: "N1", cluster: "PROD")]));
        _service = NewService();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _service.Dispose();
        _store.Dispose();
    }

    [Fact]
    public void Build_SameSnapshotAndRules_ReturnsTheCachedReport_UntilTheSnapshotOrTimeMoves()
    {
        var first = _service.Build();

        Assert.Same(first, _service.Build());
        Assert.Same(first, _service.Build(ReportFilter.None));

        _inventory.Current = new(2, Now, false, _inventory.Current.Hosts, [], _inventory.Current.Vms);
        var second = _service.Build();
        Assert.NotSame(first, second);
        Assert.Equal(2, second.SnapshotVersion);

        _time.Advance(ReportService.CacheLifetime);
        var third = _service.Build();
        Assert.NotSame(second, third);
        Assert.Equal(Now + ReportService.CacheLifetime, third.GeneratedAt);
    }

    [Fact]
    public void Build_Filtered_IsBuiltOnDemandAndNarrows()
    {
        var filter = new ReportFilter { Clusters = ["prod"] };

        var a = _service.Build(filter);
        var b = _service.Build(filter);

        Assert.NotSame(a, b);
        Assert.All(a.Rows, r => Assert.Equal("PROD", r.Cluster));
        Assert.Single(a.Rows);
        Assert.Equal(3, _service.Build().Rows.Length);
    }

    [Fact]
    public void Build_InvalidFilter_IsRejectedNamingTheProblem()
    {
        var ex = Assert.Throws<JobRejectedException>(() => _service.Build(new ReportFilter { RuleIds = ["ages"] }));

        Assert.Equal(JobRejection.Invalid, ex.Reason);
        Assert.Contains("RuleIds: 'ages' is not a known rule", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoFolderScans_SaysFoldersWereNotListed()
    {
        var report = _service.Build();

        Assert.False(report.FoldersListed);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == ReportRuleIds.OrphanDisk);
    }

    [Fact]
    public void Build_InventoryFolderScans_FindOrphans_AndSkipFailedScans()
    {
        var old = Now.AddDays(-30);
        _inventory.Scan("HV01", @"C:\VMs\APP01", Now, null,
            new ScannedFile(@"C:\VMs\APP01\APP01.vhdx", 10 * GiB, old),
            new ScannedFile(@"C:\VMs\APP01\LOST.avhdx", 3 * GiB, old));
        _inventory.Scan("HV01", @"C:\VMs\GONE", Now, "Access is denied.", new ScannedFile(@"C:\VMs\GONE\OTHER.avhdx", GiB, old));

        var report = _service.Build();

        Assert.True(report.FoldersListed);
        var orphan = Assert.Single(report.Findings, f => f.RuleId == ReportRuleIds.OrphanDisk);
        Assert.EndsWith("LOST.avhdx", orphan.FilePath, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((1, 3 * GiB), (report.Fleet.OrphanFiles, report.Fleet.OrphanBytes));
    }

    [Fact]
    public async Task SaveRules_RoundTripsThroughTheStore_WithVersionAuditAndEvent()
    {
        var changed = 0;
        _service.RulesChanged += (_, _) => changed++;
        var before = _service.Build();
        var rules = ReportRules.Default with
        {
            AgeWarning = TimeSpan.FromDays(3),
            AgeBuckets = [TimeSpan.FromHours(12), TimeSpan.FromDays(5)],
            Rules = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [
                KeyValuePair.Create(ReportRuleIds.Age, new RuleSetting(true, FindingSeverity.Critical, new ReportExclusion { VmNamePatterns = ["LAB-*"] })),
                KeyValuePair.Create(ReportRuleIds.StandardType, RuleSetting.Off),
            ]),
        };

        await _service.SaveRulesAsync(rules, "alice", null, Ct).WaitAsync(TestTimeouts.Short, Ct);
        await _service.SaveRulesAsync(rules with { MaxChainDepth = 5 }, "bob", null, Ct).WaitAsync(TestTimeouts.Short, Ct);

        Assert.Equal(2, changed);
        Assert.Equal((2, "bob", "Store"), (_service.RulesState.Version, _service.RulesState.UpdatedBy, _service.RulesState.Source));
        Assert.NotSame(before, _service.Build());
        Assert.Equal(TimeSpan.FromDays(3), _service.Build().Rules.AgeWarning);

        // A restart reads the same rules back, durations, severities and exclusions included.
        using var reopened = NewService();
        Assert.Equal((0, "Configuration"), (reopened.RulesState.Version, reopened.RulesState.Source));
        await reopened.StartAsync(Ct).WaitAsync(TestTimeouts.Short, Ct);
        var read = reopened.Rules;
        Assert.Equal(2, reopened.RulesState.Version);
        Assert.Equal(Now, reopened.RulesState.UpdatedAt);
        Assert.Equal(5, read.MaxChainDepth);
        Assert.Equal(rules.AgeBuckets, read.AgeBuckets);
        Assert.Equal(new RuleSetting(true, FindingSeverity.Critical), read.Setting("AGE") with { Exclude = null });
        Assert.Equal(["LAB-*"], read.Setting(ReportRuleIds.Age).Exclude!.VmNamePatterns);
        Assert.False(read.Setting(ReportRuleIds.StandardType).Enabled);

        var audit = await _store.Audit.QueryAsync(new AuditQuery(), Ct).WaitAsync(TestTimeouts.Short, Ct);
        Assert.Equal(["UpdateReportRules", "UpdateReportRules"], audit.Select(a => a.Action));
        Assert.Equal(("bob", "version=2", "Completed"), (audit[0].User, audit[0].Parameters, audit[0].Outcome));
        Assert.Equal("Changed: maxChainDepth.", audit[0].Detail);
        Assert.Contains("ageWarning", audit[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveRules_Invalid_IsRejectedWithEveryProblem_AndNothingIsSaved()
    {
        var bad = ReportRules.Default with { AgeWarning = TimeSpan.Zero, TopOffenders = 0 };

        var ex = await Assert.ThrowsAsync<JobRejectedException>(() => _service.SaveRulesAsync(bad, "alice", null, Ct)).WaitAsync(TestTimeouts.Short, Ct);

        Assert.Equal(JobRejection.Invalid, ex.Reason);
        Assert.Contains("AgeWarning must be more than zero", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TopOffenders must be between 1 and 1000", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _service.RulesState.Version);
        Assert.Empty(await _store.Audit.QueryAsync(new AuditQuery(), Ct).WaitAsync(TestTimeouts.Short, Ct));
    }

    [Fact]
    public void RulesJson_RoundTrip_KeepsEveryValue_AndLooksUpRulesIgnoringCase()
    {
        var rules = ReportRules.Default with
        {
            AgeCritical = null,
            OrphanGrace = TimeSpan.FromMinutes(90),
            Exclude = new ReportExclusion { Clusters = [""], Hosts = ["HV09"] },
            Rules = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create("Depth", RuleSetting.Info)]),
        };

        var read = ReportRulesJson.Deserialize(ReportRulesJson.Serialize(rules));

        Assert.Equal(ReportRulesJson.Serialize(rules), ReportRulesJson.Serialize(read));
        Assert.Null(read.AgeCritical);
        Assert.Equal(TimeSpan.FromMinutes(90), read.OrphanGrace);
        Assert.Equal([""], read.Exclude.Clusters);
        Assert.True(read.Rules.ContainsKey("depth"));
        Assert.Equal(FindingSeverity.Info, read.Setting(ReportRuleIds.Depth).Severity);
    }

    [Fact]
    public async Task History_DaysOutOfRange_IsRejected()
    {
        var ex = await Assert.ThrowsAsync<JobRejectedException>(() => _service.HistoryAsync(0, Ct)).WaitAsync(TestTimeouts.Short, Ct);

        Assert.Contains("days", ex.Message, StringComparison.Ordinal);
    }

    private ReportService NewService() => new(_inventory, _store.Contexts, _store.Audit, new AllowEveryone(), new TrendStore(_store.Contexts),
        Options.Create(new ReportOptions()), _time, NullLogger<ReportService>.Instance);
}
