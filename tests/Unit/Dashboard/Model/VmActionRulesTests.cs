using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class VmActionRulesTests
{
    [Fact]
    public void CreateBlockedReason_OrdinaryVm_IsNull()
    {
        Assert.Null(VmActionRules.CreateBlockedReason(CheckpointTrees.Branched()));
    }

    [Fact]
    public void CreateBlockedReason_TypeDisabled_PointsToTheSettings()
    {
        Assert.Contains("Checkpoint settings", VmActionRules.CreateBlockedReason(CheckpointTrees.Branched(type: CheckpointType.Disabled)));
    }

    [Theory]
    [InlineData(ReplicationMode.Replica)]
    [InlineData(ReplicationMode.ExtendedReplica)]
    public void CreateBlockedReason_Replica_SaysItIsAReplica(ReplicationMode mode)
    {
        Assert.Contains("Replica", VmActionRules.CreateBlockedReason(CheckpointTrees.Branched(replication: mode)));
    }

    [Fact]
    public void RevertBlockedReason_NoCurrentCheckpoint_SaysThereIsNothingToRevertTo()
    {
        Assert.Contains("nothing to revert to", VmActionRules.RevertBlockedReason(CheckpointTrees.Branched(current: null)));
        Assert.Null(VmActionRules.RevertBlockedReason(CheckpointTrees.Branched(current: "A1")));
    }

    [Fact]
    public void CheckpointKinds_RecoveryCannotBeAppliedButCanBeDeleted()
    {
        var vm = CheckpointTrees.Branched();
        var recovery = CheckpointTrees.Named(vm, "A") with { Kind = CheckpointKind.Recovery };
        var replica = CheckpointTrees.Named(vm, "A") with { Kind = CheckpointKind.Replica };

        Assert.Contains("backup software", VmActionRules.ApplyBlockedReason(vm, recovery));
        Assert.Null(VmActionRules.DeleteBlockedReason(recovery));
        Assert.NotNull(VmActionRules.DeleteBlockedReason(replica));
        Assert.NotNull(VmActionRules.RenameBlockedReason(replica));
        Assert.Null(VmActionRules.ApplyBlockedReason(vm, CheckpointTrees.Named(vm, "A")));
    }
}
