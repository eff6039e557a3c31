using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class VmFilterTests
{
    private static readonly DateTimeOffset s_now = Fleets.Now;

    [Theory]
    [InlineData("sql", true)]
    [InlineData("PRD-SQL01", true)]
    [InlineData("hv07", true)]
    [InlineData("prod", true)]
    [InlineData("web", false)]
    public void Matches_Search_LooksAtNameHostAndClusterIgnoringCase(string search, bool expected)
    {
        var vm = Fleets.Vm("PRD-SQL01", host: "HV07", cluster: "PROD");

        Assert.Equal(expected, new VmFilter { Search = search }.Matches(vm, s_now));
    }

    [Fact]
    public void Matches_SearchByIdPrefix_FindsTheVm()
    {
        var vm = Fleets.Vm("X");

        Assert.True(new VmFilter { Search = vm.Id.ToString()[..8].ToUpperInvariant() }.Matches(vm, s_now));
    }

    [Fact]
    public void Matches_SearchByWholeIdWithSpaces_FindsTheVm()
    {
        var vm = Fleets.Vm("X");

        Assert.True(new VmFilter { Search = $"  {vm.Id}  " }.Matches(vm, s_now));
        Assert.False(new VmFilter { Search = $"{vm.Id}0" }.Matches(vm, s_now));
    }

    [Fact]
    public void IsSameAs_SameFiltersInOtherSets_IsTrue_AnyDifference_IsFalse()
    {
        var filter = new VmFilter { Search = "sql", States = new HashSet<VmState> { VmState.Running, VmState.Off } };

        Assert.True(filter.IsSameAs(new VmFilter { Search = "sql ", States = new HashSet<VmState> { VmState.Off, VmState.Running } }));
        Assert.False(filter.IsSameAs(filter with { Search = "sq" }));
        Assert.False(filter.IsSameAs(filter with { States = new HashSet<VmState> { VmState.Running } }));
        Assert.False(filter.IsSameAs(filter with { Host = "HV07" }));
        Assert.False(filter.IsSameAs(filter with { StaleOnly = true }));
    }

    [Fact]
    public void Matches_ClusterEmptyString_MeansStandaloneHosts()
    {
        var filter = new VmFilter { Cluster = string.Empty };

        Assert.True(filter.Matches(Fleets.Vm("A", cluster: null), s_now));
        Assert.False(filter.Matches(Fleets.Vm("B", cluster: "PROD"), s_now));
    }

    [Fact]
    public void Matches_StatesAndTypes_AreSetsOfAllowedValues()
    {
        var filter = new VmFilter
        {
            States = new HashSet<VmState> { VmState.Running, VmState.Saved },
            CheckpointTypes = new HashSet<CheckpointType> { CheckpointType.Standard },
        };

        Assert.True(filter.Matches(Fleets.Vm("A", state: VmState.Saved, type: CheckpointType.Standard), s_now));
        Assert.False(filter.Matches(Fleets.Vm("B", state: VmState.Off, type: CheckpointType.Standard), s_now));
        Assert.False(filter.Matches(Fleets.Vm("C", state: VmState.Running, type: CheckpointType.Production), s_now));
    }

    [Fact]
    public void Matches_HasCheckpointsAndMinimumAge_UseTheOldestCheckpoint()
    {
        var none = Fleets.Vm("none");
        var young = Fleets.Vm("young", checkpoints: 2, oldestDays: 3);
        var old = Fleets.Vm("old", checkpoints: 1, oldestDays: 40);

        Assert.Equal([young, old], new[] { none, young, old }.Where(v => new VmFilter { HasCheckpoints = true }.Matches(v, s_now)));
        Assert.Equal([none], new[] { none, young, old }.Where(v => new VmFilter { HasCheckpoints = false }.Matches(v, s_now)));
        Assert.Equal([old], new[] { none, young, old }.Where(v => new VmFilter { MinCheckpointAgeDays = 30 }.Matches(v, s_now)));
        Assert.Equal([young, old], new[] { none, young, old }.Where(v => new VmFilter { MinCheckpointAgeDays = 3 }.Matches(v, s_now)));
    }

    [Fact]
    public void Matches_StaleOnly_KeepsVmsWhoseHostIsNotAnswering()
    {
        var filter = new VmFilter { StaleOnly = true };

        Assert.True(filter.Matches(Fleets.Vm("A", staleSince: s_now.AddMinutes(-5)), s_now));
        Assert.False(filter.Matches(Fleets.Vm("B"), s_now));
    }

    [Fact]
    public void IsEmpty_OnlyWithoutAnyCriterion()
    {
        Assert.True(VmFilter.None.IsEmpty);
        Assert.True(new VmFilter { Search = "  " }.IsEmpty);
        Assert.False(new VmFilter { StaleOnly = true }.IsEmpty);
        Assert.False(new VmFilter { Cluster = string.Empty }.IsEmpty);
    }
}
