using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>A VM in <c>GET /api/v1/vms</c>.</summary>
public sealed record VmDto(
    Guid Id,
    string Name,
    string Host,
    string? Cluster,
    VmState State,
    CheckpointType CheckpointType,
    int CheckpointCount,
    bool AutomaticCheckpoints,
    int Generation,
    string ConfigurationVersion,
    ReplicationMode Replication,
    Guid? CurrentCheckpointId,
    long CheckpointBytes,
    DateTimeOffset? OldestCheckpoint,
    int ChainDepth,
    DateTimeOffset? StaleSince)
{
    public static VmDto From(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return new VmDto(vm.Id, vm.Name, vm.Host, vm.Cluster, vm.State, vm.CheckpointType, vm.Stats.Count, vm.AutomaticCheckpoints,
            vm.Generation, vm.ConfigurationVersion, vm.Replication, vm.CurrentCheckpointId, vm.Stats.HeldBytes,
            vm.Stats.OldestCreated, vm.Stats.MaxDepth, vm.StaleSince);
    }
}
