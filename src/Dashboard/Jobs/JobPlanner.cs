using System.Collections.Immutable;
using System.Globalization;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>
/// Checks a request against the current inventory before anything is sent, so every refusal is immediate and says
/// why: unknown VM or checkpoint, a VM that changed since the requester saw it, a host that is not answering, a name
/// or path Hyper-V would refuse, or an operation the VM's configuration does not allow.
/// </summary>
public static class JobPlanner
{
    private static readonly System.Buffers.SearchValues<char> s_badPathCharacters = System.Buffers.SearchValues.Create("<>\"|?*");

    /// <exception cref="JobRejectedException">The request cannot be accepted.</exception>
    public static PlannedJob Plan(JobRequest request, FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(snapshot);
        var vm = snapshot.FindVm(request.VmId) ??
            throw Reject(JobRejection.NotFound, $"No VM with id {request.VmId} is in the inventory (it may have been deleted, or its host is not part of the fleet).");
        if (vm.StaleSince is { } since)
        {
            throw Reject(JobRejection.Conflict,
                $"{vm.Host} has not answered since {since.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}; operations on {vm.Name} are refused until it is back.");
        }

        if (request.ExpectedVersion is { Length: > 0 } expected && !string.Equals(expected, VmVersion.Of(vm), StringComparison.OrdinalIgnoreCase))
        {
            throw Reject(JobRejection.Conflict,
                $"{vm.Name} changed since you loaded it (its checkpoints or checkpoint settings are different now). Reload and check again; nothing was done.");
        }

        return request switch
        {
            CreateCheckpointRequest create => PlanCreate(create, vm),
            ApplyCheckpointRequest apply => PlanApply(apply, vm, apply.CheckpointId, apply.CreateCheckpointFirst),
            RevertVmRequest revert => PlanApply(revert, vm,
                vm.CurrentCheckpointId ?? throw Reject(JobRejection.Conflict, $"{vm.Name} is not based on a checkpoint: there is nothing to revert to."),
                createFirst: false),
            RenameCheckpointRequest rename => PlanRename(rename, vm),
            ExportCheckpointRequest export => PlanExport(export, vm),
            DeleteCheckpointRequest delete => PlanDelete(delete, vm),
            ChangeCheckpointSettingsRequest settings => PlanSettings(settings, vm),
            _ => throw Reject(JobRejection.Invalid, $"'{request.GetType().Name}' is not an operation this dashboard performs."),
        };
    }

    /// <summary>The problem with an export path, or null: it must be an absolute path on the host (<c>D:\…</c> or <c>\\server\share\…</c>).</summary>
    public static string? ValidateHostPath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "The path is required.";
        }

        if (path.Length > 260)
        {
            return $"The path is {path.Length} characters long; at most 260 are allowed.";
        }

        if (path.Any(char.IsControl) || path.AsSpan().IndexOfAny(s_badPathCharacters) >= 0)
        {
            return "The path contains characters Windows does not allow (< > \" | ? * or control characters).";
        }

        var local = path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] == '\\';
        var unc = path.StartsWith(@"\\", StringComparison.Ordinal) && path.IndexOf('\\', 2) > 2;
        if (!local && !unc)
        {
            return @"The path must be absolute on the host: a drive path like D:\Exports or a share like \\server\share\Exports.";
        }

        return path.IndexOf(':', 2) >= 0 ? "The path contains a ':' after the drive letter." : null;
    }

    private static PlannedJob PlanCreate(CreateCheckpointRequest request, VirtualMachine vm)
    {
        RefuseReplica(vm, "take checkpoints of");
        if (vm.CheckpointType == CheckpointType.Disabled)
        {
            throw Reject(JobRejection.Conflict, $"Checkpoints are disabled for {vm.Name} (checkpoint type Disabled). Change its checkpoint settings first.");
        }

        if (request.Name is not null && CheckpointNames.Validate(request.Name) is { } error)
        {
            throw Reject(JobRejection.Invalid, error);
        }

        return new PlannedJob(request, vm, null, Parameters(("name", request.Name ?? "(Hyper-V's default name)")));
    }

    private static PlannedJob PlanApply(JobRequest request, VirtualMachine vm, Guid checkpointId, bool createFirst)
    {
        RefuseReplica(vm, "apply checkpoints on");
        var checkpoint = FindCheckpoint(vm, checkpointId);
        if (checkpoint.Kind is CheckpointKind.Recovery or CheckpointKind.Replica or CheckpointKind.Planned or CheckpointKind.Missing)
        {
            throw Reject(JobRejection.Conflict,
                $"'{checkpoint.Name}' is a {checkpoint.Kind} checkpoint made by backup or replication software; it is not applied from here.");
        }

        if (createFirst && vm.CheckpointType == CheckpointType.Disabled)
        {
            throw Reject(JobRejection.Conflict,
                $"A checkpoint of the current state cannot be taken first: checkpoints are disabled for {vm.Name}.");
        }

        return new PlannedJob(request, vm, checkpoint, Parameters(("createCheckpointFirst", createFirst ? "true" : "false")));
    }

    private static PlannedJob PlanRename(RenameCheckpointRequest request, VirtualMachine vm)
    {
        var checkpoint = FindCheckpoint(vm, request.CheckpointId);
        if (CheckpointNames.Validate(request.NewName) is { } error)
        {
            throw Reject(JobRejection.Invalid, error);
        }

        if (string.Equals(request.NewName, checkpoint.Name, StringComparison.Ordinal))
        {
            throw Reject(JobRejection.Invalid, $"The checkpoint is already named '{checkpoint.Name}'.");
        }

        return new PlannedJob(request, vm, checkpoint, Parameters(("newName", request.NewName), ("oldName", checkpoint.Name)));
    }

    private static PlannedJob PlanExport(ExportCheckpointRequest request, VirtualMachine vm)
    {
        var checkpoint = FindCheckpoint(vm, request.CheckpointId);
        if (ValidateHostPath(request.Path) is { } error)
        {
            throw Reject(JobRejection.Invalid, error);
        }

        return new PlannedJob(request, vm, checkpoint, Parameters(("path", request.Path)));
    }

    private static PlannedJob PlanDelete(DeleteCheckpointRequest request, VirtualMachine vm)
    {
        var checkpoint = FindCheckpoint(vm, request.CheckpointId);
        if (checkpoint.Kind == CheckpointKind.Replica)
        {
            throw Reject(JobRejection.Conflict, $"'{checkpoint.Name}' is a Replica recovery point; Hyper-V Replica manages those.");
        }

        var affected = request.IncludeSubtree ? 1 + Descendants(vm, checkpoint.Id).Count : 1;
        return new PlannedJob(request, vm, checkpoint, Parameters(
            ("includeSubtree", request.IncludeSubtree ? "true" : "false"),
            ("checkpointsAffected", affected.ToString(CultureInfo.InvariantCulture))));
    }

    private static PlannedJob PlanSettings(ChangeCheckpointSettingsRequest request, VirtualMachine vm)
    {
        var changes = new List<(string, string)>();
        if (request.CheckpointType is { } type)
        {
            if (type is not (CheckpointType.Disabled or CheckpointType.Production or CheckpointType.ProductionOnly or CheckpointType.Standard))
            {
                throw Reject(JobRejection.Invalid, $"'{type}' is not a checkpoint type (Disabled, Production, ProductionOnly, Standard).");
            }

            if (type != vm.CheckpointType)
            {
                if (!vm.SupportsCheckpointTypes)
                {
                    throw Reject(JobRejection.Conflict,
                        $"{vm.Name} has configuration version {vm.ConfigurationVersion}; checkpoint types need 6.2 or later. Upgrade its configuration version first.");
                }

                changes.Add(("checkpointType", type.ToString()));
            }
        }

        if (request.AutomaticCheckpoints is { } automatic && automatic != vm.AutomaticCheckpoints)
        {
            changes.Add(("automaticCheckpoints", automatic ? "true" : "false"));
        }

        if (request.CheckpointFileLocation is { } location &&
            !string.Equals(location.TrimEnd('\\'), vm.CheckpointFileLocation.TrimEnd('\\'), StringComparison.OrdinalIgnoreCase))
        {
            if (ValidateHostPath(location) is { } error)
            {
                throw Reject(JobRejection.Invalid, error);
            }

            if (vm.Stats.Count > 0)
            {
                throw Reject(JobRejection.Conflict,
                    $"The checkpoint file location of {vm.Name} cannot change while it has checkpoints ({vm.Stats.Count}).");
            }

            changes.Add(("checkpointFileLocation", location));
        }

        if (changes.Count == 0)
        {
            throw Reject(JobRejection.Invalid, $"{vm.Name} already has these checkpoint settings; nothing to change.");
        }

        return new PlannedJob(request, vm, null, Parameters([.. changes]));
    }

    /// <summary>The checkpoints below <paramref name="checkpointId"/> (not including it).</summary>
    public static IReadOnlyList<Checkpoint> Descendants(VirtualMachine vm, Guid checkpointId)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var result = new List<Checkpoint>();
        var queue = new Queue<Guid>([checkpointId]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            foreach (var child in vm.Checkpoints.Where(c => c.ParentId == parent))
            {
                result.Add(child);
                queue.Enqueue(child.Id);
            }
        }

        return result;
    }

    private static Checkpoint FindCheckpoint(VirtualMachine vm, Guid checkpointId) =>
        vm.Checkpoints.FirstOrDefault(c => c.Id == checkpointId) ??
        throw Reject(JobRejection.NotFound, $"{vm.Name} has no checkpoint with id {checkpointId} (it may have been deleted since).");

    private static void RefuseReplica(VirtualMachine vm, string what)
    {
        if (vm.Replication is ReplicationMode.Replica or ReplicationMode.TestReplica or ReplicationMode.ExtendedReplica)
        {
            throw Reject(JobRejection.Conflict, $"{vm.Name} is a Replica VM; Hyper-V Replica manages its checkpoints, so the dashboard does not {what} it.");
        }
    }

    private static ImmutableSortedDictionary<string, string> Parameters(params (string Key, string Value)[] values) =>
        values.ToImmutableSortedDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static JobRejectedException Reject(JobRejection reason, string message) => new(reason, message);
}
