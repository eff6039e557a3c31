using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public partial class CheckpointReporterTests
{
    [Fact]
    public void Build_Chain_RowsCarryTheBytesEachCheckpointHolds()
    {
        var report = Report([Chain("APP01", 3, bytesEach: 2 * GiB)]);

        Assert.Equal([2 * GiB, 2 * GiB, 2 * GiB], report.Rows.Select(r => r.SizeBytes));
        var summary = Assert.Single(report.ByVm);
        Assert.Equal(6 * GiB, summary.CheckpointBytes);
        Assert.Equal(26 * GiB, summary.DiskBytes); // 20 GiB base disk + two frozen .avhdx + the running one.
        Assert.Equal(6.0 / 26, summary.CheckpointShare!.Value, 6);
        Assert.True(summary.SizesKnown);
    }

    [Fact]
    public void Build_CheckpointsHoldingMoreThanTheSizeLimit_BreakTheSizeRule()
    {
        var rules = Only(ReportRuleIds.Size) with { MaxCheckpointBytesPerVm = 3 * GiB };

        var atLimit = Report([Chain("APP01", 3)], rules);
        var over = Report([Chain("APP01", 4)], rules);

        Assert.Empty(atLimit.Findings);
        var finding = Assert.Single(over.Findings);
        Assert.Equal(4 * GiB, finding.Value);
        Assert.Equal("The checkpoints of APP01 hold 4 GiB of differencing disks (the limit is 3 GiB).", finding.Message);
    }

    [Fact]
    public void Build_CheckpointsHoldingMoreThanTheShare_BreakTheShareRule()
    {
        // 11 checkpoints of 1 GiB over a 10 GiB base: 11 of 21 GiB, just over half.
        var report = Report([Chain("APP01", 11), Chain("APP02", 9)], Only(ReportRuleIds.Share));

        var finding = Assert.Single(report.Findings);
        Assert.Equal("APP01", finding.VmName);
        Assert.Equal(0.524, finding.Value);
        Assert.Contains("52.4% of its disk space", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnmeasuredDisks_CountAsZeroAndSayTheSizesAreNotKnown()
    {
        var vm = Vm("APP01", [Cp(1, null, Days(1), disks: Disk(@"C:\VMs\APP01.vhdx"))], current: 1, disks: [Disk(@"C:\VMs\APP01_1.avhdx")]);

        var summary = Assert.Single(Report([vm], Only(ReportRuleIds.Share)).ByVm);

        Assert.Equal(0, summary.CheckpointBytes);
        Assert.Null(summary.CheckpointShare);
        Assert.False(summary.SizesKnown);
    }

    [Fact]
    public void Build_ClusteredVmsOnOneVolume_ShareOneStorageLocationAcrossNodes()
    {
        var report = Report(
        [
            Chain("APP01", 2, host: "N1", cluster: "PROD", folder: @"C:\ClusterStorage\Volume1\VMs"),
            Chain("APP02", 3, host: "N2", cluster: "PROD", folder: @"c:/clusterstorage/volume1//VMs"),
            Chain("APP03", 1, host: "N2", cluster: "PROD", folder: @"C:\ClusterStorage\Volume2"),
        ]);

        Assert.Equal(2, report.ByStorage.Length);
        var volume1 = report.ByStorage[0];
        Assert.Equal(@"C:\ClusterStorage\Volume1", volume1.Name);
        Assert.Equal("PROD", volume1.Cluster);
        Assert.Null(volume1.Host);
        Assert.Equal(2, volume1.Vms);
        Assert.Equal(5, volume1.Checkpoints);
        Assert.Equal(5 * GiB, volume1.Bytes);
        Assert.Equal((@"C:\ClusterStorage\Volume2", GiB), (report.ByStorage[1].Name, report.ByStorage[1].Bytes));
        Assert.Equal(@"C:\ClusterStorage\Volume1", report.Rows[0].Storage);
    }

    [Fact]
    public void Build_SameDriveOnTwoStandaloneHosts_IsTwoStorageLocations()
    {
        var report = Report([Chain("APP01", 1, host: "HV01", folder: @"D:\VMs"), Chain("APP02", 2, host: "HV02", folder: @"D:\Hyper-V")]);

        Assert.Equal([("HV02", @"D:\", 2 * GiB), ("HV01", @"D:\", GiB)], report.ByStorage.Select(s => (s.Host, s.Name, s.Bytes)));
    }

    [Fact]
    public void Build_TopOffenders_AreOrderedByBytesAndByCount()
    {
        var rules = ReportRules.Default with { TopOffenders = 2 };
        var report = Report(
        [
            Chain("SMALL", 5, bytesEach: GiB / 4),
            Chain("BIG", 2, bytesEach: 10 * GiB),
            Chain("MID", 3, bytesEach: GiB),
            Chain("NONE", 0),
        ], rules);

        Assert.Equal(["BIG", "MID"], report.TopByBytes.Select(v => v.Vm));
        Assert.Equal(["SMALL", "MID"], report.TopByCount.Select(v => v.Vm));
    }
}
