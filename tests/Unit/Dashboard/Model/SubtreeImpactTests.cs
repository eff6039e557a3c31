using CheckpointDashboard.Dashboard.Model;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class SubtreeImpactTests
{
    [Fact]
    public void Of_BranchHoldingNow_ListsItsCheckpointsAndNow()
    {
        var vm = CheckpointTrees.Branched(current: "B1");

        var impact = SubtreeImpact.Of(vm, CheckpointTrees.Named(vm, "B").Id)!;

        Assert.Equal(["B", "B1", "B2"], impact.Checkpoints.Select(c => c.Name));
        Assert.True(impact.IncludesNow);
        Assert.Equal("Base", impact.NowDerivesFromAfter?.Name);
    }

    [Fact]
    public void Of_BranchWithoutNow_LeavesTheOtherBranchAndNowOut()
    {
        var vm = CheckpointTrees.Branched(current: "B1");

        var impact = SubtreeImpact.Of(vm, CheckpointTrees.Named(vm, "A").Id)!;

        Assert.Equal(["A", "A1"], impact.Checkpoints.Select(c => c.Name));
        Assert.False(impact.IncludesNow);
        Assert.Null(impact.NowDerivesFromAfter);
    }

    [Fact]
    public void Of_Root_TakesEverythingAndNowEndsUpOnNoCheckpoint()
    {
        var vm = CheckpointTrees.Branched(current: "A1");

        var impact = SubtreeImpact.Of(vm, CheckpointTrees.Named(vm, "Base").Id)!;

        Assert.Equal(["Base", "A", "A1", "B", "B1", "B2"], impact.Checkpoints.Select(c => c.Name));
        Assert.True(impact.IncludesNow);
        Assert.Null(impact.NowDerivesFromAfter);
    }

    [Fact]
    public void Of_Leaf_IsJustTheLeaf()
    {
        var vm = CheckpointTrees.Branched(current: "B1");

        var impact = SubtreeImpact.Of(vm, CheckpointTrees.Named(vm, "B2").Id)!;

        Assert.Equal(["B2"], impact.Checkpoints.Select(c => c.Name));
        Assert.False(impact.IncludesNow);
        Assert.Equal(0, impact.HeldBytes);
    }

    [Fact]
    public void Of_Branch_SumsTheDisksItsMergesFree()
    {
        var vm = CheckpointTrees.Branched(current: "B1");

        var impact = SubtreeImpact.Of(vm, CheckpointTrees.Named(vm, "B").Id)!;

        // B holds B1's and B2's disks, B1 holds "Now"'s disk: three 1 GB files.
        Assert.Equal(3 * CheckpointTrees.Gb, impact.HeldBytes);
        Assert.True(impact.SizesKnown);
    }

    [Fact]
    public void Of_UnmeasuredDisks_SaysSizesAreNotKnown()
    {
        var vm = CheckpointTrees.Branched(current: "B1", sizesKnown: false);

        var impact = SubtreeImpact.Of(vm, CheckpointTrees.Named(vm, "B").Id)!;

        Assert.False(impact.SizesKnown);
    }

    [Fact]
    public void Of_UnknownCheckpoint_IsNull()
    {
        Assert.Null(SubtreeImpact.Of(CheckpointTrees.Branched(), Guid.NewGuid()));
    }
}
