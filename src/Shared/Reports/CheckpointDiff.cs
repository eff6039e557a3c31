using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>The checkpoints that appeared and disappeared between two snapshots, matched by checkpoint id.</summary>
public sealed record CheckpointDiff(ImmutableArray<CheckpointRef> Added, ImmutableArray<CheckpointRef> Removed)
{
    /// <summary>
    /// Compares <paramref name="before"/> with <paramref name="after"/>. A checkpoint that moved with its VM to another
    /// node keeps its id and is neither added nor removed.
    /// </summary>
    public static CheckpointDiff Between(FleetSnapshot before, FleetSnapshot after) => Between(Index(before), after);

    /// <summary>
    /// Compares what <see cref="Index"/> kept of an earlier snapshot with <paramref name="after"/>, so a caller comparing
    /// over hours holds a few bytes per checkpoint instead of a whole earlier fleet (VMs, disks, statistics).
    /// </summary>
    public static CheckpointDiff Between(IReadOnlyDictionary<Guid, CheckpointRef> before, FleetSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var now = Ids(after);
        var removed = ImmutableArray.CreateBuilder<CheckpointRef>();
        foreach (var (id, checkpoint) in before)
        {
            if (!now.Contains(id))
            {
                removed.Add(checkpoint);
            }
        }

        var added = ImmutableArray.CreateBuilder<CheckpointRef>();
        var seen = new HashSet<Guid>();
        foreach (var vm in after.Vms)
        {
            foreach (var checkpoint in vm.Checkpoints.IsDefault ? [] : vm.Checkpoints)
            {
                // A host that reports one id twice is broken; the checkpoint is still one change, not two.
                if (!before.ContainsKey(checkpoint.Id) && seen.Add(checkpoint.Id))
                {
                    added.Add(Ref(vm, checkpoint));
                }
            }
        }

        return new CheckpointDiff(added.ToImmutable(), removed.ToImmutable());
    }

    /// <summary>The checkpoints of <paramref name="snapshot"/> by id (the first one wins when a host repeats an id).</summary>
    public static IReadOnlyDictionary<Guid, CheckpointRef> Index(FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = new Dictionary<Guid, CheckpointRef>();
        foreach (var vm in snapshot.Vms)
        {
            foreach (var checkpoint in vm.Checkpoints.IsDefault ? [] : vm.Checkpoints)
            {
                index.TryAdd(checkpoint.Id, Ref(vm, checkpoint));
            }
        }

        return index;
    }

    public int AddedIn(string? cluster) => CountIn(Added, cluster);

    public int RemovedIn(string? cluster) => CountIn(Removed, cluster);

    private static int CountIn(ImmutableArray<CheckpointRef> checkpoints, string? cluster)
    {
        var count = 0;
        foreach (var checkpoint in checkpoints)
        {
            count += string.Equals(checkpoint.Cluster, cluster, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        return count;
    }

    private static HashSet<Guid> Ids(FleetSnapshot snapshot)
    {
        var ids = new HashSet<Guid>();
        foreach (var vm in snapshot.Vms)
        {
            foreach (var checkpoint in vm.Checkpoints.IsDefault ? [] : vm.Checkpoints)
            {
                ids.Add(checkpoint.Id);
            }
        }

        return ids;
    }

    private static CheckpointRef Ref(VirtualMachine vm, Checkpoint checkpoint) =>
        new(checkpoint.Id, checkpoint.Name, vm.Id, vm.Name, vm.Host, vm.Cluster);
}
