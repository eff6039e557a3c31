using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>Settings, export and power operations (<c>Msvm_VirtualSystemManagementService</c>, <c>Msvm_ComputerSystem</c>).</summary>
public sealed partial class SimulatedHost
{
    /// <summary>
    /// <c>ModifySystemSettings</c>: the embedded instance's <c>InstanceID</c> selects the VM's current settings or a
    /// checkpoint. Writable here: <c>ElementName</c>, <c>Notes</c>; on a VM also <c>UserSnapshotType</c>,
    /// <c>AutomaticSnapshotsEnabled</c> and <c>SnapshotDataRoot</c> (only while it has no checkpoints).
    /// Other properties are ignored, as Hyper-V ignores read-only ones.
    /// </summary>
    public MethodOutcome ModifySystemSettings(CimInstance settings) => Locked(() =>
    {
        ArgumentNullException.ThrowIfNull(settings);
        string? instanceId;
        try
        {
            instanceId = settings.GetString("InstanceID");
        }
        catch (CimMappingException)
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.InvalidParameter);
        }

        if (HyperVSchema.GuidFromInstanceId(instanceId) is not { } id)
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.InvalidParameter);
        }

        const string caption = "Modifying virtual machine settings";
        var vm = _vms.Find(v => v.Id == id);
        if (vm is not null)
        {
            var error = ModifyVm(vm, settings);
            return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, error is null
                ? StartJob(HyperVSchema.JobType.ModifyVm, caption, vm, TimeSpan.FromMilliseconds(300), false, null)
                : FailedJob(HyperVSchema.JobType.ModifyVm, caption, vm, error));
        }

        if (FindCheckpoint(id) is var (owner, checkpoint))
        {
            var error = owner.FailModifications
                ? $"Injected failure: settings of '{owner.Name}' cannot be changed."
                : ModifyCheckpoint(checkpoint, settings);
            return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, error is null
                ? StartJob(HyperVSchema.JobType.ModifyVm, caption, owner, TimeSpan.FromMilliseconds(300), false, null)
                : FailedJob(HyperVSchema.JobType.ModifyVm, caption, owner, error));
        }

        return MethodOutcome.Code(HyperVSchema.ReturnCode.InvalidParameter);
    });

    private static string? ModifyVm(SimulatedVm vm, CimInstance settings)
    {
        if (vm.FailModifications)
        {
            return $"Injected failure: settings of '{vm.Name}' cannot be changed.";
        }

        try
        {
            var name = settings.HasProperty("ElementName") ? settings.GetString("ElementName") : vm.Name;
            var type = settings.GetUInt16("UserSnapshotType") ?? vm.UserSnapshotType;
            var automatic = settings.GetBoolean("AutomaticSnapshotsEnabled") ?? vm.AutomaticCheckpoints;
            var snapshotRoot = settings.GetString("SnapshotDataRoot") ?? vm.SnapshotRoot;
            if (NameError(name) is { } nameError)
            {
                return nameError;
            }

            if (type is < 2 or > 5)
            {
                return $"'{type}' is not a valid checkpoint type (2 Disabled, 3 Production, 4 ProductionOnly, 5 Standard).";
            }

            if (type != vm.UserSnapshotType && !ConfigurationVersions.SupportsCheckpointTypes(vm.Version))
            {
                return $"The checkpoint type of '{vm.Name}' cannot be changed: its configuration version {vm.Version} is older than 6.2. Upgrade the configuration version first.";
            }

            if (!string.Equals(snapshotRoot, vm.SnapshotRoot, StringComparison.OrdinalIgnoreCase) && vm.Checkpoints.Count > 0)
            {
                return $"The checkpoint file location of '{vm.Name}' cannot be changed while it has checkpoints.";
            }

            if (!IsAbsolutePath(snapshotRoot))
            {
                return $"'{snapshotRoot}' is not an absolute path.";
            }

            vm.Name = name!;
            vm.UserSnapshotType = type;
            vm.AutomaticCheckpoints = automatic;
            vm.SnapshotRoot = snapshotRoot;
            if (settings.HasProperty("Notes"))
            {
                vm.Notes = settings.GetStringArray("Notes") is { Count: > 0 } notes ? notes[0] : null;
            }

            return null;
        }
        catch (CimMappingException ex)
        {
            return $"Invalid settings: {ex.Message}";
        }
    }

    private static string? ModifyCheckpoint(SimulatedCheckpoint checkpoint, CimInstance settings)
    {
        try
        {
            if (settings.HasProperty("ElementName"))
            {
                var name = settings.GetString("ElementName");
                if (NameError(name) is { } error)
                {
                    return error;
                }

                checkpoint.Name = name!;
            }

            if (settings.HasProperty("Notes"))
            {
                checkpoint.Notes = settings.GetStringArray("Notes") is { Count: > 0 } notes ? notes[0] : null;
            }

            return null;
        }
        catch (CimMappingException ex)
        {
            return $"Invalid settings: {ex.Message}";
        }
    }

    /// <summary>Hyper-V's rule for VM and checkpoint names: not blank, at most 100 characters.</summary>
    internal static string? NameError(string? name) => name switch
    {
        null or { Length: 0 } => "The name cannot be empty.",
        _ when string.IsNullOrWhiteSpace(name) => "The name cannot be blank.",
        { Length: > 100 } => $"The name is {name.Length} characters long; at most 100 are allowed.",
        _ when name.Any(char.IsControl) => "The name contains control characters.",
        _ => null,
    };

    private static bool IsAbsolutePath(string? path) =>
        path is { Length: >= 3 } && ((char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] == '\\') || path.StartsWith(@"\\", StringComparison.Ordinal));

    /// <summary>
    /// <c>ExportSystemDefinition</c> of a VM, or of one checkpoint when <paramref name="checkpointId"/> is set
    /// (<c>CopySnapshotConfiguration</c> = ExportOneSnapshot).
    /// </summary>
    public MethodOutcome ExportSystemDefinition(Guid vmId, string? directory, Guid? checkpointId) => Locked(() =>
    {
        var vm = _vms.Find(v => v.Id == vmId);
        if (vm is null || (checkpointId is { } cid && vm.FindCheckpoint(cid) is null))
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.InvalidParameter);
        }

        const string caption = "Exporting virtual machine";
        if (!IsAbsolutePath(directory))
        {
            return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, FailedJob(HyperVSchema.JobType.ExportVm, caption, vm,
                $"The export path '{directory}' is not valid: it must be an absolute path on the host (for example D:\\Exports)."));
        }

        if (IsBusy(vm))
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.InvalidState);
        }

        var disks = checkpointId is { } id ? vm.FindCheckpoint(id)!.Disks : vm.Disks;
        var bytes = disks.Sum(d => ChainBytes(d));
        vm.Activity = VmActivity.Exporting;
        var job = StartJob(HyperVSchema.JobType.ExportVm, caption, vm,
            TimeSpan.FromSeconds(2 + ((double)bytes / (300L * 1024 * 1024))), cancellable: true,
            complete: () =>
            {
                vm.Activity = VmActivity.None;
                return JobResult.Success;
            },
            cancelled: () => vm.Activity = VmActivity.None);
        return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, job);
    });

    private long ChainBytes(string path)
    {
        long total = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var file = Storage.Find(path); file is not null && seen.Add(file.Path); file = file.ParentPath is null ? null : Storage.Find(file.ParentPath))
        {
            total += file.SizeBytes;
        }

        return total;
    }

    /// <summary>
    /// <c>Msvm_ComputerSystem.RequestStateChange</c>: 2 start, 3 turn off, 6 save, 9 pause, 11 reset. Starting a VM
    /// with automatic checkpoints on takes an automatic checkpoint first, as Hyper-V does.
    /// </summary>
    public MethodOutcome RequestStateChange(Guid vmId, ushort requested) => Locked(() =>
    {
        var vm = _vms.Find(v => v.Id == vmId);
        if (vm is null)
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.MsvmInvalidParameter);
        }

        if (IsBusy(vm))
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.MsvmInvalidState);
        }

        (VmState Transitional, VmState Final, ushort JobType, double Seconds)? plan = (requested, vm.State) switch
        {
            (2, VmState.Off or VmState.Saved or VmState.Paused) => (VmState.Starting, VmState.Running, HyperVSchema.JobType.StartVm, 2),
            (3, VmState.Running or VmState.Paused or VmState.Saved) => (VmState.Stopping, VmState.Off, HyperVSchema.JobType.PowerOff, 1),
            (6, VmState.Running or VmState.Paused) => (VmState.Saving, VmState.Saved, HyperVSchema.JobType.Save, 2),
            (9, VmState.Running) => (VmState.Pausing, VmState.Paused, HyperVSchema.JobType.Pause, 0.5),
            (11, VmState.Running or VmState.Paused) => (VmState.Reset, VmState.Running, HyperVSchema.JobType.StartVm, 1),
            _ => null,
        };
        if (plan is not { } p)
        {
            return MethodOutcome.Code(HyperVSchema.ReturnCode.MsvmInvalidState);
        }

        var automatic = requested == 2 && vm.State == VmState.Off && vm.AutomaticCheckpoints && vm.UserSnapshotType != 2 &&
                        vm.Replication == ReplicationMode.None;
        var previous = vm.State;
        vm.State = p.Transitional;
        SimulatedJob? job = null;
        job = StartJob(p.JobType, $"Changing state to {p.Final}", vm, TimeSpan.FromSeconds(p.Seconds), cancellable: false,
            complete: () =>
            {
                var at = job!.Submitted + job.Duration;
                if (automatic)
                {
                    TakeAutomaticCheckpoint(vm, at);
                }

                vm.State = p.Final;
                vm.StateChanged = at;
                return JobResult.Success;
            },
            cancelled: () => vm.State = previous);
        return new MethodOutcome(HyperVSchema.ReturnCode.JobStarted, job);
    });

    private void TakeAutomaticCheckpoint(SimulatedVm vm, DateTimeOffset at)
    {
        var id = Fleet.NewGuid();
        vm.Checkpoints.Add(new SimulatedCheckpoint
        {
            Id = id,
            Name = $"Automatic Checkpoint - {vm.Name} - ({at.UtcDateTime.ToString("MM/dd/yyyy - hh:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture)})",
            ParentId = vm.CurrentCheckpointId,
            Created = at,
            IsAutomatic = true,
            IsSaved = false,
            UserSnapshotType = vm.UserSnapshotType,
            Disks = [.. vm.Disks],
        });
        vm.Disks = [.. vm.Disks.Select(d => NewDifferencingDisk(d, at))];
        vm.CurrentCheckpointId = id;
    }
}
