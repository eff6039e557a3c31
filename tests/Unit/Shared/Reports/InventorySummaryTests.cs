using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public class InventorySummaryTests
{
    [Fact]
    public void FromReport_OneSamplePerClusterWithStandaloneAsNull()
    {
        var before = Snapshot([]);
        VirtualMachine[] vms =
        [
            Chain("DC01", 4, host: "N1", cluster: "PROD", type: CheckpointType.Standard),
            Chain("APP01", 2, host: "HV01"),
        ];
        var report = CheckpointReporter.Build(Snapshot(vms), ReportRules.Default, Now);

        var samples = InventorySummary.FromReport(report, CheckpointDiff.Between(before, Snapshot(vms)));

        Assert.Equal(2, samples.Count);
        var prod = samples[0];
        Assert.Equal((Now, "PROD", 1, 4, 4 * GiB, 4, 4), (prod.At, prod.Cluster, prod.Vms, prod.Checkpoints, prod.CheckpointBytes, prod.MaxCheckpoints, prod.Added));
        Assert.Equal(report.ByCluster[0].Findings, prod.Findings);
        Assert.Equal(report.ByCluster[0].Critical, prod.Critical);
        Assert.Equal((null, 2, 2), (samples[1].Cluster, samples[1].Checkpoints, samples[1].Added));
    }
}
