using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public partial class CheckpointReporterTests
{
    private static VirtualMachine[] MixedFleet() =>
    [
        Chain("DC01", 4, host: "N1", cluster: "PROD", folder: @"C:\ClusterStorage\Volume1", type: CheckpointType.Standard, oldestDays: 40),
        Chain("APP01", 2, host: "N2", cluster: "PROD", folder: @"C:\ClusterStorage\Volume1", bytesEach: 3 * GiB, oldestDays: 8),
        Chain("SQL01", 1, host: "N3", cluster: "TEST", folder: @"C:\ClusterStorage\Volume1", oldestDays: 100),
        Chain("WEB01", 0, host: "HV01"),
        Chain("FILE01", 5, host: "HV02", folder: @"E:\VMs", oldestDays: 3),
    ];

    [Fact]
    public void Build_FleetRollUp_SumsMatchTheRowsAndVms()
    {
        var report = Report(MixedFleet());

        Assert.Equal(5, report.Fleet.Vms);
        Assert.Equal(4, report.Fleet.VmsWithCheckpoints);
        Assert.Equal(report.Rows.Length, report.Fleet.Checkpoints);
        Assert.Equal(12, report.Fleet.Checkpoints);
        Assert.Equal(report.Rows.Sum(r => r.SizeBytes), report.Fleet.Bytes);
        Assert.Equal(report.Rows.Max(r => r.AgeDays), report.Fleet.OldestAgeDays);
        Assert.Equal(5, report.Fleet.MaxDepth);
        Assert.Equal(report.Findings.Length, report.Fleet.Findings);
        Assert.Equal(report.Findings.Count(f => f.Severity == FindingSeverity.Critical), report.Fleet.Critical);
    }

    [Fact]
    public void Build_ClusterAndHostRollUps_PartitionTheFleet()
    {
        var report = Report(MixedFleet());

        Assert.Equal(["PROD", "TEST", "Standalone hosts"], report.ByCluster.Select(c => c.Name));
        Assert.Null(report.ByCluster[2].Cluster);
        Assert.Equal(["HV01", "HV02", "N1", "N2", "N3"], report.ByHost.Select(h => h.Name));
        foreach (var groups in new[] { report.ByCluster, report.ByHost })
        {
            Assert.Equal(report.Fleet.Vms, groups.Sum(g => g.Vms));
            Assert.Equal(report.Fleet.Checkpoints, groups.Sum(g => g.Checkpoints));
            Assert.Equal(report.Fleet.Bytes, groups.Sum(g => g.Bytes));
            Assert.Equal(report.Fleet.Warning, groups.Sum(g => g.Warning));
            Assert.Equal(report.Fleet.Critical, groups.Sum(g => g.Critical));
        }

        var prod = report.ByCluster[0];
        Assert.Equal((2, 6, 10 * GiB), (prod.Vms, prod.Checkpoints, prod.Bytes));
        Assert.Equal(report.Findings.Count(f => f.Cluster == "PROD"), prod.Findings);
    }

    [Fact]
    public void Build_VmRollUps_MatchTheirRows()
    {
        var report = Report(MixedFleet());

        foreach (var vm in report.ByVm)
        {
            var rows = report.Rows.Where(r => r.VmId == vm.VmId).ToList();
            Assert.Equal(rows.Count, vm.Checkpoints);
            Assert.Equal(rows.Sum(r => r.SizeBytes), vm.CheckpointBytes);
            Assert.Equal(rows.Count == 0 ? 0 : rows.Max(r => r.Depth), vm.MaxDepth);
            Assert.Equal(report.Findings.Count(f => f.VmId == vm.VmId), vm.Findings);
        }
    }

    [Fact]
    public void Build_StorageRollUps_SumToTheFleetsBytes()
    {
        var report = Report(MixedFleet());

        Assert.Equal(report.Fleet.Bytes, report.ByStorage.Sum(s => s.Bytes));
        Assert.Equal(report.Fleet.Checkpoints, report.ByStorage.Sum(s => s.Checkpoints));
        Assert.Equal([("PROD", @"C:\ClusterStorage\Volume1"), (null, @"E:\"), ("TEST", @"C:\ClusterStorage\Volume1")],
            report.ByStorage.Select(s => (s.Cluster, s.Name)));
    }

    [Fact]
    public void Build_HostWithoutVms_StillHasARollUp()
    {
        var report = Report([Chain("APP01", 1)], hosts: [Host("HV01"), Host("HV09")]);

        var empty = Assert.Single(report.ByHost, h => h.Name == "HV09");
        Assert.Equal((0, 0, (double?)null), (empty.Vms, empty.Checkpoints, empty.OldestAgeDays));
    }

    [Fact]
    public void Build_RowsAndVms_AreOrderedByClusterHostAndName()
    {
        var report = Report(MixedFleet());

        Assert.Equal(["DC01", "APP01", "SQL01", "WEB01", "FILE01"], report.ByVm.Select(v => v.Vm));
        Assert.Equal(report.Rows.OrderBy(r => r.Created).Where(r => r.Vm == "FILE01"), report.Rows.Where(r => r.Vm == "FILE01"));
        Assert.Equal("DC01", report.Rows[0].Vm);
    }

    [Fact]
    public void Build_WithTimeProvider_MeasuresAgesAtItsTime()
    {
        var snapshot = Snapshot([Vm("APP01", [Cp(1, null, Days(2))], current: 1)]);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now.AddDays(10));

        var report = CheckpointReporter.Build(snapshot, ReportRules.Default, time);

        Assert.Equal(Now.AddDays(10), report.GeneratedAt);
        Assert.Equal(12.0, Assert.Single(report.Rows).AgeDays);
    }
}
