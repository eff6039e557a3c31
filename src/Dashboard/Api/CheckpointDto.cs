using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>A checkpoint in <c>GET /api/v1/checkpoints</c>. <c>SizeBytes</c> is the differencing disk space it holds.</summary>
public sealed record CheckpointDto(
    Guid Id,
    Guid VmId,
    string VmName,
    string Host,
    string? Cluster,
    string Name,
    Guid? ParentId,
    DateTimeOffset Created,
    CheckpointKind Kind,
    bool IsAutomatic,
    bool HasSavedState,
    long SizeBytes,
    bool SizeKnown)
{
    public static CheckpointDto From(VirtualMachine vm, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new CheckpointDto(checkpoint.Id, vm.Id, vm.Name, vm.Host, vm.Cluster, checkpoint.Name, checkpoint.ParentId,
            checkpoint.Created, checkpoint.Kind, checkpoint.IsAutomatic, checkpoint.HasSavedState, checkpoint.HeldBytes,
            checkpoint.HeldDisks.All(d => d.SizeBytes is not null));
    }
}
