using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class ApplyImpactTests
{
    [Fact]
    public void Consequences_RunningVm_LosesTheStateSinceItsCurrentCheckpointAndIsSavedFirst()
    {
        var vm = CheckpointTrees.Branched(state: VmState.Running, current: "B1");

        var impact = ApplyImpact.Of(vm, CheckpointTrees.Named(vm, "A").Id)!;
        var lines = impact.Consequences(createCheckpointFirst: false);

        Assert.Equal("B1", impact.CurrentBase?.Name);
        Assert.False(impact.IsRevert);
        Assert.Contains(lines, l => l.Contains("since 'B1'") && l.Contains("is lost") && l.Contains("memory"));
        Assert.Contains(lines, l => l.Contains("saved first") && l.Contains("off afterwards"));
        Assert.Contains(lines, l => l.Contains("\"Now\" moves under 'A'"));
    }

    [Fact]
    public void Consequences_CheckpointWithMemory_RestartsTheVmFromIt()
    {
        var vm = CheckpointTrees.Branched(state: VmState.Running);

        var lines = ApplyImpact.Of(vm, CheckpointTrees.Named(vm, "Base").Id)!.Consequences(false);

        Assert.Contains(lines, l => l.Contains("saved first and restarted afterwards") && l.Contains("'Base'"));
    }

    [Fact]
    public void Consequences_CreateCheckpointFirst_SaysNothingIsLost()
    {
        var vm = CheckpointTrees.Branched(state: VmState.Running);

        var lines = ApplyImpact.Of(vm, CheckpointTrees.Named(vm, "A").Id)!.Consequences(createCheckpointFirst: true);

        Assert.Contains(lines, l => l.Contains("nothing is lost"));
        Assert.DoesNotContain(lines, l => l.Contains("since 'B1'"));
    }

    [Fact]
    public void Consequences_VmOff_SaysNothingAboutSaving()
    {
        var vm = CheckpointTrees.Branched(state: VmState.Off);

        var lines = ApplyImpact.Of(vm, CheckpointTrees.Named(vm, "A").Id)!.Consequences(false);

        Assert.DoesNotContain(lines, l => l.Contains("saved first"));
        Assert.Contains(lines, l => l.Contains("is lost") && !l.Contains("memory"));
    }

    [Fact]
    public void OfRevert_TargetsTheCheckpointNowDerivesFrom()
    {
        var vm = CheckpointTrees.Branched(current: "B2");

        var impact = ApplyImpact.OfRevert(vm)!;

        Assert.Equal("B2", impact.Target.Name);
        Assert.True(impact.IsRevert);
        Assert.Contains(impact.Consequences(false), l => l.Contains("returns to 'B2'"));
    }

    [Fact]
    public void OfRevert_NoCurrentCheckpoint_IsNull()
    {
        Assert.Null(ApplyImpact.OfRevert(CheckpointTrees.Branched(current: null)));
        Assert.Null(ApplyImpact.Of(CheckpointTrees.Branched(), Guid.NewGuid()));
    }
}
