using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// Which checkpoint operations a VM and a checkpoint allow, with the reason in a sentence when one does not. The job
/// service checks again; these rules only keep buttons honest.
/// </summary>
public static class VmActionRules
{
    public static string? CreateBlockedReason(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (IsReplica(vm))
        {
            return "This VM is a Hyper-V Replica: its recovery points come from replication, and checkpoints cannot be created on it.";
        }

        return vm.CheckpointType == CheckpointType.Disabled
            ? "Checkpoints are disabled for this VM (checkpoint type Disabled). Change the type in Checkpoint settings."
            : null;
    }

    public static string? RevertBlockedReason(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (IsReplica(vm))
        {
            return "This VM is a Hyper-V Replica: fail it over to use its recovery points.";
        }

        return vm.CurrentCheckpointId is { } id && vm.Checkpoints.Any(c => c.Id == id)
            ? null
            : "The VM's current state is not based on a checkpoint, so there is nothing to revert to.";
    }

    public static string? ApplyBlockedReason(VirtualMachine vm, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (IsReplica(vm))
        {
            return "This VM is a Hyper-V Replica: fail it over to use its recovery points.";
        }

        return checkpoint.Kind switch
        {
            CheckpointKind.Replica => "Replica recovery points are applied by failing over, not here.",
            CheckpointKind.Recovery => "Recovery checkpoints are made by backup software for its own use and cannot be applied.",
            CheckpointKind.Missing => "This checkpoint's files are missing on the host; it cannot be applied.",
            _ => null,
        };
    }

    public static string? RenameBlockedReason(Checkpoint checkpoint) => OwnedElsewhere(checkpoint);

    public static string? ExportBlockedReason(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.Kind == CheckpointKind.Missing
            ? "This checkpoint's files are missing on the host; there is nothing to export."
            : OwnedElsewhere(checkpoint);
    }

    /// <summary>Deleting (alone or with its subtree). Recovery checkpoints can be deleted: leftovers of failed backups are a classic.</summary>
    public static string? DeleteBlockedReason(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.Kind == CheckpointKind.Replica ? "Replica recovery points are managed by Hyper-V Replica." : null;
    }

    private static string? OwnedElsewhere(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.Kind switch
        {
            CheckpointKind.Replica => "Replica recovery points are managed by Hyper-V Replica.",
            CheckpointKind.Recovery => "Recovery checkpoints belong to the backup software that made them.",
            _ => null,
        };
    }

    private static bool IsReplica(VirtualMachine vm) => vm.Replication is ReplicationMode.Replica or ReplicationMode.ExtendedReplica;
}
