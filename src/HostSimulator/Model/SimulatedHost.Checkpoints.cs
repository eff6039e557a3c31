using System.Globalization;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>Checkpoint operations, with the semantics of <c>Msvm_VirtualSystemSnapshotService</c>.</summary>
public sealed partial class SimulatedHost
{
    private const long MergeBytesPerSecond = 400L * 1024 * 1024;

    /// <summary>
    /// <c>CreateSnapshot</c>: takes a checkpoint of the type the VM is configured for (<paramref name="snapshotType"/> 2),
    /// or a recovery checkpoint (32768). Production falls back to Standard when the guest cannot quiesce (the job
    /// completes with a warning); ProductionOnly fails instead; Disabled refuses.
    /// </summary>
    public MethodOutcome CreateSnapshot(Guid vmId, ushort snapshotType) => Locked(() =>
    {
        var vm = _vms.Find(v => v.Id == vmId);
        if (vm is null)
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.InvalidParameter);
        }

        if (snapshotType is not (HyperVSchema.SnapshotKind.Full or HyperVSchema.SnapshotKind.Recovery))
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.InvalidParameter);
        }

        if (IsBusy(vm))
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.InvalidState);
        }

        const string caption = "Creating checkpoint";
        var recovery = snapshotType == HyperVSchema.SnapshotKind.Recovery;
        var type = ConfigurationVersions.SupportsCheckpointTypes(vm.Version) ? vm.UserSnapshotType : (ushort)5;
        if (!recovery && vm.Replication is ReplicationMode.Replica or ReplicationMode.TestReplica or ReplicationMode.ExtendedReplica)
        {
            return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, FailedJob(HyperVSchema.JobType.SnapshotVm, caption, vm,
                $"'{vm.Name}' is a Replica virtual machine: checkpoints of a Replica are managed by Hyper-V Replica."));
        }

        if (!recovery && type == 2)
        {
            return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, FailedJob(HyperVSchema.JobType.SnapshotVm, caption, vm,
                $"Checkpoints are disabled for virtual machine '{vm.Name}'."));
        }

        var live = vm.State is VmState.Running or VmState.Paused;
        bool isSaved;
        string? warning = null;
        var extra = TimeSpan.Zero;
        if (recovery)
        {
            isSaved = false;
            extra = TimeSpan.FromSeconds(1.5);
        }
        else if (type == 5)
        {
            isSaved = live || vm.State == VmState.Saved;
        }
        else if (live && vm.GuestCanQuiesce)
        {
            isSaved = false;
            extra = TimeSpan.FromSeconds(1.5);
        }
        else if (!live && vm.State != VmState.Saved)
        {
            isSaved = false;
        }
        else if (type == 4)
        {
            var reason = vm.State == VmState.Saved
                ? "the virtual machine is in a saved state"
                : "the guest could not quiesce (VSS or file-system freeze failed, or integration services are not running)";
            return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, FailedJob(HyperVSchema.JobType.SnapshotVm, caption, vm,
                $"Production checkpoints cannot be created for '{vm.Name}': {reason}. The checkpoint type is ProductionOnly, so no standard checkpoint was created."));
        }
        else
        {
            isSaved = true;
            warning = $"A production checkpoint could not be created for '{vm.Name}' because the guest could not quiesce; a standard checkpoint was created instead.";
        }

        var id = Fleet.NewGuid();
        vm.Activity = VmActivity.CreatingCheckpoint;
        SimulatedJob? job = null;
        job = StartJob(HyperVSchema.JobType.SnapshotVm, caption, vm,
            TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(0.5 * vm.Disks.Count) + extra, cancellable: true,
            complete: () =>
            {
                vm.Activity = VmActivity.None;
                var at = job!.Submitted + job.Duration;
                var checkpoint = new SimulatedCheckpoint
                {
                    Id = id,
                    Name = recovery
                        ? string.Create(CultureInfo.InvariantCulture, $"{vm.Name} - Backup - ({at.UtcDateTime:MM/dd/yyyy - hh:mm:ss tt})")
                        : DefaultCheckpointName(vm.Name, at),
                    ParentId = vm.CurrentCheckpointId,
                    Created = at,
                    SystemType = recovery ? HyperVSchema.SystemType.SnapshotRecovery : HyperVSchema.SystemType.SnapshotRealized,
                    IsSaved = isSaved,
                    UserSnapshotType = vm.UserSnapshotType,
                    Disks = [.. vm.Disks],
                };
                vm.Checkpoints.Add(checkpoint);
                vm.Disks = [.. vm.Disks.Select(d => NewDifferencingDisk(d, at))];
                vm.CurrentCheckpointId = id;
                job.Affected.Add(SimulatedCim.SettingReference(id));
                return warning is null ? JobResult.Success : JobResult.WithWarning(warning);
            },
            cancelled: () => vm.Activity = VmActivity.None);
        return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, job);
    });

    /// <summary>
    /// <c>ApplySnapshot</c>: the VM must be Off or Saved. The running state's unreferenced differencing disks are
    /// discarded; the VM ends Saved when the checkpoint holds memory (Standard), else Off (Production).
    /// </summary>
    public MethodOutcome ApplySnapshot(Guid checkpointId) => Locked(() =>
    {
        if (FindCheckpoint(checkpointId) is not var (vm, checkpoint))
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.InvalidParameter);
        }

        if (IsBusy(vm) || vm.State is not (VmState.Off or VmState.Saved))
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.MsvmInvalidState);
        }

        vm.Activity = VmActivity.ApplyingCheckpoint;
        SimulatedJob? job = null;
        job = StartJob(HyperVSchema.JobType.ApplySnapshot, "Applying checkpoint", vm, TimeSpan.FromSeconds(3), cancellable: false,
            complete: () =>
            {
                vm.Activity = VmActivity.None;
                var at = job!.Submitted + job.Duration;
                if (vm.FindCheckpoint(checkpointId) is null)
                {
                    return JobResult.Failed("The checkpoint no longer exists.");
                }

                var before = vm.ReferencedFiles();
                vm.Disks = [.. checkpoint.Disks.Select(d => NewDifferencingDisk(d, at))];
                vm.CurrentCheckpointId = checkpoint.Id;
                vm.State = checkpoint.IsSaved ? VmState.Saved : VmState.Off;
                vm.StateChanged = at;
                var plan = DiskChains.PlanTidy(Storage, before, vm.ReferencedFiles());
                DiskChains.Apply(plan, Storage, vm, at);
                return JobResult.Success;
            });
        return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, job);
    });

    /// <summary>
    /// <c>DestroySnapshot</c>: the checkpoint leaves the tree at once (its children move up to its parent) and its
    /// differencing disks merge in a job whose length follows the bytes merged. Merges cannot be cancelled.
    /// </summary>
    public MethodOutcome DestroySnapshot(Guid checkpointId) => Destroy(checkpointId, subtree: false);

    /// <summary><c>DestroySnapshotTree</c>: removes the checkpoint and all its descendants, then merges.</summary>
    public MethodOutcome DestroySnapshotTree(Guid checkpointId) => Destroy(checkpointId, subtree: true);

    private MethodOutcome Destroy(Guid checkpointId, bool subtree) => Locked(() =>
    {
        if (FindCheckpoint(checkpointId) is not var (vm, checkpoint))
        {
            return MethodOutcome.Code(subtree ? HyperVSchema.ReturnCode.MsvmInvalidParameter : HyperVSchema.ReturnCode.InvalidParameter);
        }

        if (IsBusy(vm))
        {
            return MethodOutcome.Code(subtree ? HyperVSchema.ReturnCode.MsvmInvalidState : HyperVSchema.ReturnCode.InvalidState);
        }

        var before = vm.ReferencedFiles();
        var removed = subtree ? Subtree(vm, checkpoint) : [checkpoint];
        var removedIds = removed.Select(c => c.Id).ToHashSet();
        foreach (var item in removed)
        {
            vm.Checkpoints.Remove(item);
        }

        foreach (var child in vm.Checkpoints.Where(c => c.ParentId is { } p && removedIds.Contains(p)))
        {
            child.ParentId = checkpoint.ParentId;
        }

        if (vm.CurrentCheckpointId is { } current && removedIds.Contains(current))
        {
            vm.CurrentCheckpointId = checkpoint.ParentId;
        }

        var plan = DiskChains.PlanTidy(Storage, before, vm.ReferencedFiles());
        vm.Activity = plan.Merges.Count > 0 ? VmActivity.MergingDisks : VmActivity.DeletingCheckpoint;
        var seconds = 1.0 + ((double)plan.Bytes / MergeBytesPerSecond);
        SimulatedJob? job = null;
        job = StartJob(HyperVSchema.JobType.DeleteSnapshot, subtree ? "Deleting checkpoint subtree" : "Deleting checkpoint", vm,
            TimeSpan.FromSeconds(seconds), cancellable: false,
            complete: () =>
            {
                vm.Activity = VmActivity.None;
                DiskChains.Apply(plan, Storage, vm, job!.Submitted + job.Duration);
                return JobResult.Success;
            });
        return new MethodOutcome(subtree ? HyperVSchema.ReturnCode.JobStarted : HyperVSchema.ReturnCode.JobStarted, job);
    });

    private static List<SimulatedCheckpoint> Subtree(SimulatedVm vm, SimulatedCheckpoint root)
    {
        var result = new List<SimulatedCheckpoint>();
        var queue = new Queue<SimulatedCheckpoint>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            result.Add(next);
            foreach (var child in vm.ChildrenOf(next.Id))
            {
                queue.Enqueue(child);
            }
        }

        return result;
    }
}
