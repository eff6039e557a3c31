using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// What applying a checkpoint to a VM does to what the operator has now: the current state since the checkpoint it
/// derives from is discarded (unless a checkpoint of it is taken first), and a running VM is saved and restarted.
/// </summary>
/// <param name="Target">The checkpoint to apply.</param>
/// <param name="CurrentBase">The checkpoint the VM's current state derives from now; null when none.</param>
/// <param name="VmRunning">The VM is running (or paused, starting): it is saved before the apply.</param>
/// <param name="IsRevert">The target is the checkpoint the current state derives from (Hyper-V Manager's "Revert").</param>
public sealed record ApplyImpact(Checkpoint Target, Checkpoint? CurrentBase, bool VmRunning, bool IsRevert)
{
    /// <summary>The target holds memory state, so a VM that was running can resume from it.</summary>
    public bool RestoresMemory => Target.HasSavedState;

    /// <summary>The impact of applying <paramref name="checkpointId"/>; null when the VM has no such checkpoint.</summary>
    public static ApplyImpact? Of(VirtualMachine vm, Guid checkpointId)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var target = vm.Checkpoints.FirstOrDefault(c => c.Id == checkpointId);
        if (target is null)
        {
            return null;
        }

        var current = vm.CurrentCheckpointId is { } id ? vm.Checkpoints.FirstOrDefault(c => c.Id == id) : null;
        var running = vm.State is VmState.Running or VmState.Paused or VmState.Starting or VmState.Resuming or VmState.Pausing;
        return new ApplyImpact(target, current, running, current?.Id == target.Id);
    }

    /// <summary>The impact of reverting: applying the checkpoint the current state derives from; null when there is none.</summary>
    public static ApplyImpact? OfRevert(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return vm.CurrentCheckpointId is { } id ? Of(vm, id) : null;
    }

    /// <summary>What is lost and what happens, one sentence each, in the order the dialog lists them.</summary>
    public IReadOnlyList<string> Consequences(bool createCheckpointFirst)
    {
        var lines = new List<string>();
        var since = CurrentBase is null
            ? "The VM's current state is not based on any checkpoint"
            : $"Everything that changed in the VM since '{CurrentBase.Name}' (the checkpoint its current state derives from)";
        if (createCheckpointFirst)
        {
            lines.Add("A checkpoint of the current state is created first, so nothing is lost: you can return to it later.");
        }
        else if (CurrentBase is null)
        {
            lines.Add($"{since}: all of it is lost (disk contents{(VmRunning ? ", memory" : string.Empty)} and configuration).");
        }
        else
        {
            lines.Add($"{since} is lost: disk contents{(VmRunning ? ", memory" : string.Empty)} and configuration changes.");
        }

        if (VmRunning)
        {
            lines.Add(RestoresMemory
                ? $"The VM is running: it is saved first and restarted afterwards from the memory state held in '{Target.Name}'."
                : $"The VM is running: it is saved first. '{Target.Name}' holds no memory state, so the VM is off afterwards until it is started.");
        }

        lines.Add(IsRevert
            ? $"The VM returns to '{Target.Name}'. No checkpoint is deleted."
            : $"\"Now\" moves under '{Target.Name}'. No checkpoint is deleted.");
        return lines;
    }
}
