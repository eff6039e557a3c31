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
    public static CheckpointDiff Between(FleetSnapshot before, FleetSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = Ids(before);
        var now = Ids(after);
        return new CheckpointDiff(Missing(after, old), Missing(before, now));
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

    /// <summary>The checkpoints of <paramref name="snapshot"/> whose ids are not in <paramref name="other"/>.</summary>
    private static ImmutableArray<CheckpointRef> Missing(FleetSnapshot snapshot, HashSet<Guid> other)
    {
        var result = ImmutableArray.CreateBuilder<CheckpointRef>();
        var seen = new HashSet<Guid>();
        foreach (var vm in snapshot.Vms)
        {
            foreach (var checkpoint in vm.Checkpoints.IsDefault ? [] : vm.Checkpoints)
            {
                // A host that reports one id twice is broken; the checkpoint is still one change, not two.
                if (!other.Contains(checkpoint.Id) && seen.Add(checkpoint.Id))
                {
                    result.Add(new CheckpointRef(checkpoint.Id, checkpoint.Name, vm.Id, vm.Name, vm.Host, vm.Cluster));
                }
            }
        }

        return result.ToImmutable();
    }
}
