using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public partial class CheckpointReporterTests
{
    [Fact]
    public void Build_CheckpointExactlyAtAgeThreshold_IsAWarning()
    {
        var vm = Vm("APP01", [Cp(1, null, Days(7))], current: 1);

        var report = Report([vm], Only(ReportRuleIds.Age));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(ReportRuleIds.Age, finding.RuleId);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(G(1), finding.CheckpointId);
        Assert.Equal("cp1", finding.CheckpointName);
        Assert.Equal(7.0, finding.Value);
        Assert.Equal("Checkpoint 'cp1' of APP01 is 7.0 days old (the limit is 7 days).", finding.Message);
    }

    [Fact]
    public void Build_CheckpointOneTickYoungerThanThreshold_HasNoAgeFinding()
    {
        var vm = Vm("APP01", [Cp(1, null, Days(7) - TimeSpan.FromTicks(1))], current: 1);

        var report = Report([vm], Only(ReportRuleIds.Age));

        Assert.Empty(report.Findings);
        Assert.Empty(Assert.Single(report.Rows).Findings);
    }

    [Fact]
    public void Build_CheckpointAtCriticalAge_EscalatesToCritical()
    {
        var vm = Vm("APP01", [Cp(1, null, Days(30)), Cp(2, 1, Days(30) - TimeSpan.FromTicks(1))], current: 2);

        var report = Report([vm], Only(ReportRuleIds.Age));

        Assert.Equal(FindingSeverity.Critical, Assert.Single(report.Findings, f => f.CheckpointId == G(1)).Severity);
        Assert.Equal(FindingSeverity.Warning, Assert.Single(report.Findings, f => f.CheckpointId == G(2)).Severity);
    }

    [Fact]
    public void Build_NoCriticalAge_StaysAtRuleSeverity()
    {
        var rules = Only(ReportRuleIds.Age) with { AgeCritical = null };
        var vm = Vm("APP01", [Cp(1, null, Days(400))], current: 1);

        var report = Report([vm], rules);

        Assert.Equal(FindingSeverity.Warning, Assert.Single(report.Findings).Severity);
    }

    [Fact]
    public void Build_RecoveryCheckpoint_IsLeftToTheBackupRuleNotTheAgeRule()
    {
        var vm = Vm("APP01", [Cp(1, null, Days(40), CheckpointKind.Recovery)], current: 1);

        var report = Report([vm]);

        Assert.Equal([ReportRuleIds.BackupLeftover], Rules(report));
    }

    [Fact]
    public void Build_Rows_CarryAgeInDaysWithOneDecimal()
    {
        var vm = Vm("APP01", [Cp(1, null, TimeSpan.FromHours(36) + TimeSpan.FromMinutes(5))], current: 1);

        var row = Assert.Single(Report([vm]).Rows);

        Assert.Equal(1.5, row.AgeDays);
        Assert.Equal(Now - TimeSpan.FromHours(36) - TimeSpan.FromMinutes(5), row.Created);
    }

    [Fact]
    public void Build_DefaultHistogram_HasSixLabelledBuckets()
    {
        var labels = Report([]).AgeHistogram.Select(b => b.Label);

        Assert.Equal(["under 1 day", "1-7 days", "7-30 days", "30-90 days", "90 days-1 year", "over 1 year"], labels);
    }

    [Fact]
    public void Build_AgeOnABoundary_FallsInTheOlderBucket()
    {
        var vm = Vm("APP01",
        [
            Cp(1, null, Days(1) - TimeSpan.FromTicks(1)),
            Cp(2, 1, Days(1)),
            Cp(3, 2, Days(365)),
            Cp(4, 3, Days(364)),
        ], current: 4);

        var counts = Report([vm]).AgeHistogram.Select(b => b.Count);

        Assert.Equal([1, 1, 0, 0, 1, 1], counts);
    }

    [Fact]
    public void Build_HistogramBytes_AreTheHeldBytesOfTheBucketsCheckpoints()
    {
        // Chain: every checkpoint holds 1 GiB and is about a day old (minus minutes).
        var report = Report([Chain("APP01", 3, oldestDays: 2)]);

        var bucket = Assert.Single(report.AgeHistogram, b => b.Count > 0);
        Assert.Equal("1-7 days", bucket.Label);
        Assert.Equal(3, bucket.Count);
        Assert.Equal(3 * GiB, bucket.Bytes);
    }

    [Fact]
    public void Build_CustomBuckets_AreUsedWithTheirLabels()
    {
        var rules = ReportRules.Default with { AgeBuckets = [TimeSpan.FromHours(12), Days(3)] };

        var report = Report([Vm("APP01", [Cp(1, null, Days(2))], current: 1)], rules);

        Assert.Equal(["under 12 hours", "12 hours-3 days", "over 3 days"], report.AgeHistogram.Select(b => b.Label));
        Assert.Equal([0, 1, 0], report.AgeHistogram.Select(b => b.Count));
    }
}
