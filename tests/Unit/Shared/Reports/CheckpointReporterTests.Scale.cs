using CheckpointDashboard.Benchmarks.Reports;
using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public partial class CheckpointReporterTests
{
    // Correctness at benchmark size only; speed is shown by measurement, never by a timed unit test.
    [Fact]
    public void Build_BenchmarkSizedFleet_CoversEveryCheckpointAndTheSumsAgree()
    {
        var (snapshot, folders) = ReportFleet.Build(Now);

        var report = CheckpointReporter.Build(snapshot, ReportRules.Default, Now, folders: folders);

        Assert.Equal(20_000, report.Fleet.Vms);
        Assert.Equal(60_000, report.Rows.Length);
        Assert.Equal(snapshot.Totals.CheckpointBytes, report.Fleet.Bytes);
        Assert.Equal(report.Rows.Sum(r => r.SizeBytes), report.ByStorage.Sum(s => s.Bytes));
        Assert.Equal(60_000, report.AgeHistogram.Sum(b => b.Count));
        Assert.Equal(report.Findings.Length, report.ByCluster.Sum(c => c.Findings));
        var orphans = report.Findings.Count(f => f.RuleId == ReportRuleIds.OrphanDisk);
        Assert.InRange(orphans, 1, 20_000 / 20);
        Assert.All(report.Findings.Where(f => f.RuleId == ReportRuleIds.OrphanDisk), f => Assert.EndsWith("_LOST.avhdx", f.FilePath!, StringComparison.Ordinal));
    }
}
