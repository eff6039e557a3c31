using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class BulkCreateOutcomeTests
{
    [Fact]
    public void Plan_LeavesOutVmsThatCannotTakeACheckpointWithTheReason()
    {
        var ok = CheckpointTrees.Empty("WEB01");
        var disabled = CheckpointTrees.Empty("DB01", type: CheckpointType.Disabled);
        var replica = CheckpointTrees.Branched("APP02", replication: ReplicationMode.Replica);

        var (eligible, refused) = BulkCreateOutcome.Plan([replica, ok, disabled]);

        Assert.Equal(["WEB01"], eligible.Select(v => v.Name));
        Assert.Equal(["APP02", "DB01"], refused.Select(r => r.VmName));
        Assert.Contains("Replica", refused[0].Reason);
        Assert.Contains("disabled", refused[1].Reason);
    }
}
