using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>
/// Settles jobs whose outcome is unknown (the host stopped answering after the operation was sent) by what the host
/// shows now: the checkpoint exists or not, has the name or not, the VM sits under the checkpoint or not. It decides
/// only from a fresh, current read of an idle VM; otherwise it waits. It never guesses.
/// </summary>
public static class JobReconciler
{
    /// <summary>The key under which a job's context keeps the VM's disk files before an apply.</summary>
    public const string ContextDisksBefore = "disksBefore";

    /// <summary>The VM's current disk files as one comparable string.</summary>
    public static string DiskList(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return string.Join('|', vm.Disks.Select(d => d.Path).Order(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A settled outcome: completed or failed, and the evidence in words.</summary>
    public sealed record Decision(JobState State, string Evidence);

    /// <param name="kind">What the job did.</param>
    /// <param name="parameters">The job's parameters (new name, settings).</param>
    /// <param name="checkpointId">The checkpoint the job worked on, if any.</param>
    /// <param name="createdCheckpointId">The checkpoint a create made, when it was learned before the host went silent.</param>
    /// <param name="startedAt">When the job started (checkpoints a create made are younger).</param>
    /// <param name="lostAt">When the host was last heard from; only a read after this counts.</param>
    /// <param name="vm">The VM as the inventory shows it now, or null when it is not there.</param>
    /// <param name="host">Its host's status.</param>
    public static Decision? Decide(
        JobKind kind,
        IReadOnlyDictionary<string, string> parameters,
        Guid? checkpointId,
        Guid? createdCheckpointId,
        DateTimeOffset startedAt,
        DateTimeOffset lostAt,
        VirtualMachine? vm,
        HostStatus? host)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (host is not { State: HostState.Online } || host.LastSuccess is not { } readAt || readAt <= lostAt)
        {
            return null;
        }

        if (vm is null)
        {
            return null;
        }

        if (vm.StaleSince is not null || vm.Activity != VmActivity.None)
        {
            return null;
        }

        Checkpoint? Find(Guid? id) => id is { } value ? vm.Checkpoints.FirstOrDefault(c => c.Id == value) : null;

        switch (kind)
        {
            case JobKind.CreateCheckpoint:
            {
                parameters.TryGetValue("name", out var wanted);
                var created = Find(createdCheckpointId) ??
                    vm.Checkpoints.Where(c => c.Created >= startedAt.AddMinutes(-1) && c.IsUserCheckpoint).OrderBy(c => c.Created).FirstOrDefault();
                if (created is null)
                {
                    return new Decision(JobState.Failed, $"{vm.Host} shows no checkpoint of {vm.Name} taken after the job started.");
                }

                return wanted is null or "(Hyper-V's default name)" || string.Equals(created.Name, wanted, StringComparison.Ordinal)
                    ? new Decision(JobState.Completed, $"{vm.Host} shows checkpoint '{created.Name}' taken at {created.Created:u}.")
                    : new Decision(JobState.Failed, $"{vm.Host} shows checkpoint '{created.Name}' taken after the job started, but not renamed to '{wanted}'.");
            }

            case JobKind.DeleteCheckpoint:
                return Find(checkpointId) is null
                    ? new Decision(JobState.Completed, $"{vm.Host} no longer shows the checkpoint, and no merge is running.")
                    : new Decision(JobState.Failed, $"{vm.Host} still shows the checkpoint, and no merge is running.");

            case JobKind.DeleteCheckpointSubtree:
                return Find(checkpointId) is null
                    ? new Decision(JobState.Completed, $"{vm.Host} no longer shows the checkpoint or its subtree.")
                    : new Decision(JobState.Failed, $"{vm.Host} still shows the checkpoint, and no merge is running.");

            case JobKind.ApplyCheckpoint or JobKind.RevertVm:
            {
                // Applying gives the VM new differencing disks under the checkpoint: "Now" under it on other disks
                // than before is the evidence (for a revert, "Now" was under it already).
                if (!parameters.TryGetValue(ContextDisksBefore, out var before))
                {
                    return null;
                }

                var disksChanged = !string.Equals(before, DiskList(vm), StringComparison.OrdinalIgnoreCase);
                if (vm.CurrentCheckpointId == checkpointId && disksChanged)
                {
                    return new Decision(JobState.Completed, $"{vm.Name} now runs from the checkpoint on new differencing disks and is {vm.State}.");
                }

                return disksChanged
                    ? null
                    : new Decision(JobState.Failed, $"{vm.Name} still runs on the same disks as before the job.");
            }

            case JobKind.RenameCheckpoint:
            {
                var checkpoint = Find(checkpointId);
                if (checkpoint is null || !parameters.TryGetValue("newName", out var newName))
                {
                    return null;
                }

                return string.Equals(checkpoint.Name, newName, StringComparison.Ordinal)
                    ? new Decision(JobState.Completed, $"{vm.Host} shows the checkpoint named '{newName}'.")
                    : new Decision(JobState.Failed, $"{vm.Host} shows the checkpoint still named '{checkpoint.Name}'.");
            }

            case JobKind.ChangeCheckpointSettings:
            {
                var matches = (!parameters.TryGetValue("checkpointType", out var type) || string.Equals(vm.CheckpointType.ToString(), type, StringComparison.Ordinal)) &&
                              (!parameters.TryGetValue("automaticCheckpoints", out var auto) || vm.AutomaticCheckpoints == (auto == "true")) &&
                              (!parameters.TryGetValue("checkpointFileLocation", out var location) ||
                               string.Equals(vm.CheckpointFileLocation.TrimEnd('\\'), location.TrimEnd('\\'), StringComparison.OrdinalIgnoreCase));
                return matches
                    ? new Decision(JobState.Completed, $"{vm.Host} shows the new checkpoint settings.")
                    : new Decision(JobState.Failed, $"{vm.Host} shows the old checkpoint settings.");
            }

            default:
                // An export leaves nothing the inventory can see; it stays unknown, and the job says so.
                return null;
        }
    }
}
