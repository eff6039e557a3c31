using CheckpointDashboard.Shared.Reports;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public class CheckpointDiffTests
{
    [Fact]
    public void Between_Snapshots_FindsAddedAndRemovedById()
    {
        var before = Snapshot([Vm("APP01", [Cp(1, null, Days(3)), Cp(2, 1, Days(2))], current: 2, cluster: "PROD", id: 1)]);
        var after = Snapshot(
        [
            Vm("APP01", [Cp(1, null, Days(3)), Cp(3, 1, Days(1))], current: 3, cluster: "PROD", id: 1),
            Vm("WEB01", [Cp(4, null, Days(1))], current: 4, id: 2),
        ]);

        var diff = CheckpointDiff.Between(before, after);

        Assert.Equal([G(3), G(4)], diff.Added.Select(c => c.CheckpointId));
        Assert.Equal([G(2)], diff.Removed.Select(c => c.CheckpointId));
        Assert.Equal(("cp2", "APP01", "PROD"), (diff.Removed[0].Name, diff.Removed[0].Vm, diff.Removed[0].Cluster));
        Assert.Equal((1, 1, 1, 0), (diff.AddedIn("prod"), diff.AddedIn(null), diff.RemovedIn("PROD"), diff.RemovedIn(null)));
    }

    [Fact]
    public void Between_VmMovedToAnotherNode_ChangesNothing()
    {
        var before = Snapshot([Vm("APP01", [Cp(1, null, Days(3))], current: 1, host: "N1", cluster: "PROD", id: 1)]);
        var after = Snapshot([Vm("APP01", [Cp(1, null, Days(3))], current: 1, host: "N2", cluster: "PROD", id: 1)]);

        var diff = CheckpointDiff.Between(before, after);

        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
    }
}
