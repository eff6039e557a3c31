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
    public static CheckpointDiff Between(FleetSnapshot before, FleetSnapshot after) => Between(Index(before), Index(after));

    /// <summary>
    /// Compares two snapshots as <see cref="Index"/> keeps them, so a caller comparing over hours holds a few bytes per
    /// checkpoint instead of a whole earlier fleet (VMs, disks, statistics). A host that reports one id twice is broken;
    /// the checkpoint is still one change, not two.
    /// </summary>
    public static CheckpointDiff Between(IReadOnlyDictionary<Guid, CheckpointRef> before, IReadOnlyDictionary<Guid, CheckpointRef> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new CheckpointDiff(Missing(after, before), Missing(before, after));
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

    /// <summary>The checkpoints of <paramref name="index"/>, in its order, whose ids are not in <paramref name="other"/>.</summary>
    private static ImmutableArray<CheckpointRef> Missing(IReadOnlyDictionary<Guid, CheckpointRef> index, IReadOnlyDictionary<Guid, CheckpointRef> other)
    {
        var result = ImmutableArray.CreateBuilder<CheckpointRef>();
        foreach (var (id, checkpoint) in index)
        {
            if (!other.ContainsKey(id))
            {
                result.Add(checkpoint);
            }
        }

        return result.ToImmutable();
    }

    private static CheckpointRef Ref(VirtualMachine vm, Checkpoint checkpoint) =>
        new(checkpoint.Id, checkpoint.Name, vm.Id, vm.Name, vm.Host, vm.Cluster);
}
