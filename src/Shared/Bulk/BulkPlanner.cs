using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Bulk;

/// <summary>Builds the preview of a bulk change from the inventory: who changes, who is skipped and why.</summary>
public static class BulkPlanner
{
    /// <param name="snapshot">The inventory now.</param>
    /// <param name="selector">Which VMs; validated by the caller.</param>
    /// <param name="target">The settings wanted.</param>
    /// <param name="busyVms">VMs with an operation queued or running.</param>
    public static BulkPreview Preview(FleetSnapshot snapshot, VmSelector selector, CheckpointSettingsTarget target, IReadOnlySet<Guid> busyVms)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(busyVms);
        var matcher = selector.Compile();
        var items = ImmutableArray.CreateBuilder<BulkPreviewItem>();
        foreach (var vm in snapshot.Vms)
        {
            if (matcher.Matches(vm))
            {
                items.Add(Plan(vm, target, busyVms));
            }
        }

        // Ids asked for that the inventory does not have are reported, not dropped.
        if (selector.VmIds is { } ids)
        {
            foreach (var id in ids.Distinct().Where(id => snapshot.FindVm(id) is null))
            {
                items.Add(new BulkPreviewItem(id, id.ToString(), string.Empty, null, CheckpointType.Unknown, false,
                    target.CheckpointType ?? CheckpointType.Unknown, target.AutomaticCheckpoints ?? false, BulkSkipReason.NotFound,
                    "Not in the inventory (deleted, or its host is not part of the fleet)."));
            }
        }

        return Summarize(target, items.ToImmutable());
    }

    /// <summary>
    /// <paramref name="preview"/> with more VMs skipped: those <paramref name="skip"/> gives a reason for (say, VMs the
    /// user may not change), with every count recomputed.
    /// </summary>
    public static BulkPreview Skip(BulkPreview preview, Func<BulkPreviewItem, (BulkSkipReason Reason, string Detail)?> skip)
    {
        ArgumentNullException.ThrowIfNull(preview);
        ArgumentNullException.ThrowIfNull(skip);
        return Summarize(preview.Target, [.. preview.Items.Select(i => i.WillChange && skip(i) is { } why ? i with { Skip = why.Reason, SkipDetail = why.Detail } : i)]);
    }

    private static BulkPreview Summarize(CheckpointSettingsTarget target, ImmutableArray<BulkPreviewItem> all)
    {
        return new BulkPreview(
            target,
            all,
            Count(all, i => i.Cluster ?? "(standalone)"),
            Count(all.Where(i => i.Skip != BulkSkipReason.NotFound), i => i.Host),
            all.Where(i => i.Skip is not null).GroupBy(i => i.Skip!.Value).ToImmutableSortedDictionary(g => g.Key, g => g.Count()));
    }

    private static BulkPreviewItem Plan(VirtualMachine vm, CheckpointSettingsTarget target, IReadOnlySet<Guid> busyVms)
    {
        var newType = target.CheckpointType ?? vm.CheckpointType;
        var newAutomatic = target.AutomaticCheckpoints ?? vm.AutomaticCheckpoints;
        (BulkSkipReason? Reason, string? Detail) skip = vm switch
        {
            _ when vm.StaleSince is not null => (BulkSkipReason.HostUnreachable, $"{vm.Host} is not answering; its data is from {vm.StaleSince:u}."),
            { Replication: ReplicationMode.Replica or ReplicationMode.TestReplica or ReplicationMode.ExtendedReplica } =>
                (BulkSkipReason.ReplicaVm, "Replica VM: Hyper-V Replica manages its checkpoints."),
            _ when target.IsMetBy(vm) => (BulkSkipReason.AlreadyCompliant, $"Already {target.Describe()}."),
            _ when target.CheckpointType is { } type && type != vm.CheckpointType && !vm.SupportsCheckpointTypes =>
                (BulkSkipReason.ConfigurationVersionTooOld,
                    $"Configuration version {(vm.ConfigurationVersion.Length == 0 ? "4.0" : vm.ConfigurationVersion)} is below 6.2: no checkpoint types."),
            _ when busyVms.Contains(vm.Id) || vm.Activity != VmActivity.None => (BulkSkipReason.Busy, "Another operation is running or queued on it."),
            _ => (null, null),
        };
        return new BulkPreviewItem(vm.Id, vm.Name, vm.Host, vm.Cluster, vm.CheckpointType, vm.AutomaticCheckpoints, newType, newAutomatic,
            skip.Reason, skip.Detail);
    }

    private static ImmutableArray<BulkGroupCount> Count(IEnumerable<BulkPreviewItem> items, Func<BulkPreviewItem, string> key) =>
    [
        .. items.GroupBy(key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new BulkGroupCount(g.Key, g.Count(i => i.WillChange), g.Count(i => !i.WillChange)))
            .OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase),
    ];
}
