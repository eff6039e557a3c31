using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>What each kind of job does on the host, as a sequence of resumable steps.</summary>
public sealed partial class JobService
{
    private const string StepCreate = "create";
    private const string StepRename = "rename";
    private const string StepCreateFirst = "create-first";
    private const string StepSave = "save";
    private const string StepApply = "apply";
    private const string StepStart = "start";
    private const string StepExport = "export";
    private const string StepDelete = "delete";
    private const string StepSettings = "settings";
    private const string ContextCreated = "createdCheckpoint";
    private const string ContextSafety = "safetyCheckpoint";
    private const string ContextStateBefore = "stateBefore";
    private const string ContextWarning = "warning";

    private async Task RunAsync(JobWork work, CancellationToken stopping)
    {
        await PersistAsync(work, force: true, stopping);
        Publish(new JobEvent.Progressed(Snapshot(work)));
        var session = _sessions.Get(work.Record.Host);
        var vm = _inventory.Current.FindVm(work.Record.VmId);
        switch (work.Request)
        {
            case CreateCheckpointRequest create:
                await CreateAsync(work, session, vm, create.Name, stopping);
                break;
            case ApplyCheckpointRequest apply:
                await ApplyAsync(work, session, vm, apply.CheckpointId, apply.CreateCheckpointFirst, stopping);
                break;
            case RevertVmRequest:
                await ApplyAsync(work, session, vm, work.Record.CheckpointId!.Value, createFirst: false, stopping);
                break;
            case RenameCheckpointRequest rename:
                if (await StepAsync(work, StepRename, "Renaming the checkpoint", 0, 100, async (s, ct) =>
                        await _operations.ModifySettingsAsync(s, await _operations.GetSettingsAsync(s, rename.CheckpointId, ct),
                            new Dictionary<string, object?> { ["ElementName"] = rename.NewName }, ct), stopping))
                {
                    await FinishAsync(work, JobState.Completed, $"Renamed '{work.Record.CheckpointName}' to '{rename.NewName}'.", null, null, stopping);
                }

                break;
            case ExportCheckpointRequest export:
                if (await StepAsync(work, StepExport, "Exporting the checkpoint", 0, 100,
                        (s, ct) => _operations.ExportCheckpointAsync(s, work.Record.VmId, export.CheckpointId, export.Path, ct), stopping))
                {
                    await FinishAsync(work, JobState.Completed, $"Exported '{work.Record.CheckpointName}' to {export.Path} on {work.Record.Host}.", null, null, stopping);
                }

                break;
            case DeleteCheckpointRequest delete:
                if (await StepAsync(work, StepDelete, delete.IncludeSubtree ? "Deleting the subtree and merging disks" : "Deleting and merging disks", 0, 100,
                        (s, ct) => delete.IncludeSubtree
                            ? _operations.DestroySnapshotTreeAsync(s, delete.CheckpointId, ct)
                            : _operations.DestroySnapshotAsync(s, delete.CheckpointId, ct), stopping))
                {
                    await FinishAsync(work, JobState.Completed, delete.IncludeSubtree
                        ? $"Deleted '{work.Record.CheckpointName}' and its subtree; the disks are merged."
                        : $"Deleted '{work.Record.CheckpointName}'; its disks are merged.", null, null, stopping);
                }

                break;
            case ChangeCheckpointSettingsRequest settings:
                if (await StepAsync(work, StepSettings, "Changing checkpoint settings", 0, 100, async (s, ct) =>
                        await _operations.ModifySettingsAsync(s, await _operations.GetSettingsAsync(s, work.Record.VmId, ct), SettingsChanges(settings), ct),
                        stopping))
                {
                    await FinishAsync(work, JobState.Completed, $"Changed the checkpoint settings of {work.Record.VmName}.", null, null, stopping);
                }

                break;
        }
    }

    private async Task CreateAsync(JobWork work, ICimSession session, VirtualMachine? vm, string? name, CancellationToken stopping)
    {
        var created = await CreateStepAsync(work, session, StepCreate, ContextCreated, 0, name is null ? 100 : 90, stopping);
        if (created is null)
        {
            return;
        }

        if (name is not null && !await StepAsync(work, StepRename, "Naming the checkpoint", 90, 100, async (s, ct) =>
                await _operations.ModifySettingsAsync(s, await _operations.GetSettingsAsync(s, created.Value, ct),
                    new Dictionary<string, object?> { ["ElementName"] = name }, ct), stopping))
        {
            return;
        }

        var kind = await DescribeCreatedAsync(work, session, vm, created.Value, stopping);
        lock (work.Gate)
        {
            work.Record.ResultCheckpointId = created;
        }

        await FinishAsync(work, JobState.Completed, $"Created {kind} checkpoint '{name ?? "(default name)"}'.", null, null, stopping);
    }

    /// <summary>One CreateSnapshot step; returns the new checkpoint's id (kept in the context under <paramref name="contextKey"/>).</summary>
    private async Task<Guid?> CreateStepAsync(JobWork work, ICimSession session, string step, string contextKey, int from, int to, CancellationToken stopping)
    {
        if (!await StepAsync(work, step, "Taking the checkpoint", from, to, (s, ct) => _operations.CreateSnapshotAsync(s, work.Record.VmId, ct), stopping,
                onJobDone: async (job, status, ct) =>
                {
                    var id = await _operations.FindCreatedCheckpointAsync(session, job, ct);
                    lock (work.Gate)
                    {
                        if (id is { } value)
                        {
                            work.Context[contextKey] = value.ToString();
                        }

                        if (status.CompletedWithWarnings && status.Error is not null)
                        {
                            work.Context[ContextWarning] = status.Error;
                        }
                    }
                }))
        {
            return null;
        }

        lock (work.Gate)
        {
            if (work.Context.TryGetValue(contextKey, out var text) && Guid.TryParse(text, out var id))
            {
                return id;
            }
        }

        await LoseAsync(work, $"{work.Record.Host} finished the checkpoint job but did not say which checkpoint it made.", stopping);
        return null;
    }

    /// <summary>Standard or Production, and whether Production fell back to Standard (recorded as the job's warning).</summary>
    private async Task<string> DescribeCreatedAsync(JobWork work, ICimSession session, VirtualMachine? vm, Guid created, CancellationToken stopping)
    {
        string? warning;
        lock (work.Gate)
        {
            work.Context.TryGetValue(ContextWarning, out warning);
        }

        bool? isSaved = null;
        try
        {
            isSaved = (await _operations.GetSettingsAsync(session, created, stopping)).GetBoolean("IsSaved");
        }
        catch (CimException ex)
        {
            _logger.LogWarning("Could not read the new checkpoint of job {JobId}: {Error}", work.Id, ex.Message);
        }

        var wasLive = vm?.State is VmState.Running or VmState.Paused;
        if (vm?.CheckpointType == CheckpointType.Production && wasLive && isSaved == true)
        {
            warning ??= "Hyper-V could not make a production checkpoint (the guest did not quiesce), so it made a Standard checkpoint, which holds memory state.";
        }

        if (warning is not null)
        {
            lock (work.Gate)
            {
                work.Record.Warning = warning;
            }
        }

        return isSaved switch
        {
            true => "a Standard",
            false => "a Production",
            null => "a",
        };
    }

    private async Task ApplyAsync(JobWork work, ICimSession session, VirtualMachine? vm, Guid checkpointId, bool createFirst, CancellationToken stopping)
    {
        lock (work.Gate)
        {
            // Remembered once, before anything is sent: what the VM ran on and whether it was running.
            if (!work.Context.ContainsKey(ContextStateBefore) && vm is not null)
            {
                work.Context[ContextStateBefore] = vm.State.ToString();
                work.Context[JobReconciler.ContextDisksBefore] = JobReconciler.DiskList(vm);
                work.Record.ContextJson = JobWork.Serialize(work.Context);
            }
        }

        if (createFirst && await CreateStepAsync(work, session, StepCreateFirst, ContextSafety, 0, 20, stopping) is null)
        {
            return;
        }

        var state = await ReadStateAsync(work, session, stopping);
        if (state is VmState.Running or VmState.Paused &&
            !await StepAsync(work, StepSave, "Saving the VM", 20, 40, (s, ct) => _operations.RequestStateChangeAsync(s, work.Record.VmId, 6, ct), stopping))
        {
            return;
        }

        if (!await StepAsync(work, StepApply, "Applying the checkpoint", 40, 85, (s, ct) => _operations.ApplySnapshotAsync(s, checkpointId, ct), stopping))
        {
            return;
        }

        // As Restore-VMSnapshot does: a VM that was running and is now Saved (the checkpoint held memory) is started
        // again; after a Production checkpoint it is Off, and stays off.
        var wasRunning = work.Context.TryGetValue(ContextStateBefore, out var before) && before == nameof(VmState.Running);
        var after = await ReadStateAsync(work, session, stopping);
        if (wasRunning && after == VmState.Saved &&
            !await StepAsync(work, StepStart, "Starting the VM", 85, 100, (s, ct) => _operations.RequestStateChangeAsync(s, work.Record.VmId, 2, ct), stopping))
        {
            return;
        }

        var final = after == VmState.Saved && wasRunning ? VmState.Running : after;
        string? safety;
        lock (work.Gate)
        {
            work.Context.TryGetValue(ContextSafety, out safety);
        }

        await FinishAsync(work, JobState.Completed,
            $"Applied '{work.Record.CheckpointName}'; {work.Record.VmName} is {final?.ToString() ?? "in an unknown state"}." +
            (safety is null ? string.Empty : " A checkpoint of the previous state was taken first."), null, null, stopping);
    }

    private async Task<VmState?> ReadStateAsync(JobWork work, ICimSession session, CancellationToken stopping)
    {
        try
        {
            var system = await session.GetAsync(HyperVOperations.VmReference(work.Record.VmId), stopping);
            return HyperVMapper.MapState(system.GetUInt16("EnabledState"), system.GetString("OtherEnabledState"));
        }
        catch (CimException ex)
        {
            _logger.LogWarning("Could not read the state of {Vm} for job {JobId}: {Error}", work.Record.VmName, work.Id, ex.Message);
            return _inventory.Current.FindVm(work.Record.VmId)?.State;
        }
    }

    private static Dictionary<string, object?> SettingsChanges(ChangeCheckpointSettingsRequest request)
    {
        var changes = new Dictionary<string, object?>();
        if (request.CheckpointType is { } type)
        {
            changes["UserSnapshotType"] = (ushort)type;
        }

        if (request.AutomaticCheckpoints is { } automatic)
        {
            changes["AutomaticSnapshotsEnabled"] = automatic;
        }

        if (request.CheckpointFileLocation is { } location)
        {
            changes["SnapshotDataRoot"] = location;
        }

        return changes;
    }
}
