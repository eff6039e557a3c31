using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class VmGridViewTests
{
    [Fact]
    public void Build_WithFilter_CountsOnlyTheRowsShown()
    {
        var snapshot = Fleets.Snapshot(
        [
            Fleets.Vm("PRD-SQL01", checkpoints: 3, bytesPerCheckpoint: 100),
            Fleets.Vm("PRD-WEB01", checkpoints: 1, bytesPerCheckpoint: 50, staleSince: Fleets.Now),
            Fleets.Vm("DEV-APP01", checkpoints: 5, bytesPerCheckpoint: 7),
        ]);

        var view = VmGridView.Build(snapshot, new VmFilter { Search = "PRD" }, Fleets.Now);

        Assert.Equal(["PRD-SQL01", "PRD-WEB01"], view.Rows.Select(v => v.Name));
        Assert.Equal(3, view.Total);
        Assert.Equal(4, view.Checkpoints);
        Assert.Equal(350, view.CheckpointBytes);
        Assert.Equal(1, view.Stale);
    }

    [Fact]
    public void Build_NoFilter_ShowsEveryVmInSnapshotOrder()
    {
        var vms = Enumerable.Range(0, 50).Select(i => Fleets.Vm($"VM{i:00}")).ToList();

        var view = VmGridView.Build(Fleets.Snapshot(vms), VmFilter.None, Fleets.Now);

        Assert.Equal(vms.Select(v => v.Id), view.Rows.Select(v => v.Id));
    }

    [Theory]
    [InlineData(VmGrouping.Cluster, "(standalone)")]
    [InlineData(VmGrouping.Host, "HV09")]
    [InlineData(VmGrouping.State, "Saved")]
    [InlineData(VmGrouping.CheckpointType, "Standard")]
    public void GroupKey_ForEachGrouping_NamesTheGroup(VmGrouping grouping, string expected)
    {
        var vm = Fleets.Vm("A", host: "HV09", state: VmState.Saved, type: CheckpointType.Standard);

        Assert.Equal(expected, VmGridView.GroupKey(vm, grouping));
    }
}
