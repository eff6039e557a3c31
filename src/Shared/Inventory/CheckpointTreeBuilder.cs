using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// Links a VM's checkpoints into a tree and derives what the flat list from the host does not say:
/// the differencing disks each checkpoint holds, chain depth, branches and totals.
/// </summary>
/// <remarks>
/// Hosts are not trusted to send a well-formed tree: a parent that is not among the VM's checkpoints
/// makes the checkpoint a root, and a parent cycle is cut where it is found, so a broken or hostile
/// response can never make this loop or recurse without end.
/// </remarks>
public static class CheckpointTreeBuilder
{
    /// <summary>
    /// Completes <paramref name="checkpoints"/> (whose <see cref="Checkpoint.HeldDisks"/> are ignored) for a VM
    /// whose running state derives from <paramref name="currentCheckpointId"/> and runs on <paramref name="currentDisks"/>.
    /// </summary>
    /// <returns>The checkpoints oldest first with held disks filled in, and the VM's figures.</returns>
    public static (ImmutableArray<Checkpoint> Checkpoints, CheckpointStats Stats) Complete(
        IReadOnlyList<Checkpoint> checkpoints,
        Guid? currentCheckpointId,
        ImmutableArray<DiskFile> currentDisks)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (checkpoints.Count == 0)
        {
            return ([], CheckpointStats.Empty);
        }

        var byId = new Dictionary<Guid, Checkpoint>(checkpoints.Count);
        foreach (var checkpoint in checkpoints)
        {
            byId.TryAdd(checkpoint.Id, checkpoint);
        }

        var parents = ResolveParents(byId);
        var children = new Dictionary<Guid, List<ImmutableArray<DiskFile>>>();
        var childCounts = new Dictionary<Guid, int>();
        foreach (var (id, parentId) in parents)
        {
            if (parentId is { } p)
            {
                Add(children, p, byId[id].Disks);
                childCounts[p] = childCounts.GetValueOrDefault(p) + 1;
            }
        }

        if (currentCheckpointId is { } now && byId.ContainsKey(now))
        {
            Add(children, now, currentDisks.IsDefault ? [] : currentDisks);
            childCounts[now] = childCounts.GetValueOrDefault(now) + 1;
        }

        var depths = ComputeDepths(parents);
        var completed = ImmutableArray.CreateBuilder<Checkpoint>(byId.Count);
        int user = 0, recovery = 0, replica = 0, saved = 0, maxDepth = 0;
        long heldBytes = 0;
        var sizesKnown = true;
        DateTimeOffset? oldest = null, newest = null;

        foreach (var checkpoint in byId.Values.OrderBy(c => c.Created).ThenBy(c => c.Id))
        {
            var held = HeldDisks(checkpoint, children);
            var item = checkpoint with { ParentId = parents[checkpoint.Id], HeldDisks = held };
            completed.Add(item);

            switch (item.Kind)
            {
                case CheckpointKind.Standard or CheckpointKind.Production:
                    user++;
                    break;
                case CheckpointKind.Recovery:
                    recovery++;
                    break;
                case CheckpointKind.Replica:
                    replica++;
                    break;
            }

            saved += item.HasSavedState ? 1 : 0;
            foreach (var disk in held)
            {
                heldBytes += disk.SizeBytes ?? 0;
                sizesKnown &= disk.SizeBytes is not null;
            }

            oldest = oldest is null || item.Created < oldest ? item.Created : oldest;
            newest = newest is null || item.Created > newest ? item.Created : newest;
            maxDepth = Math.Max(maxDepth, depths[item.Id]);
        }

        var branches = childCounts.Values.Count(c => c > 1);
        var stats = new CheckpointStats(
            completed.Count, user, recovery, replica, oldest, newest, maxDepth, branches, heldBytes, sizesKnown, saved);
        return (completed.MoveToImmutable(), stats);
    }

    private static void Add(Dictionary<Guid, List<ImmutableArray<DiskFile>>> map, Guid key, ImmutableArray<DiskFile> disks)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(disks);
    }

    /// <summary>Parents that exist among the VM's checkpoints, with cycles cut.</summary>
    private static Dictionary<Guid, Guid?> ResolveParents(Dictionary<Guid, Checkpoint> byId)
    {
        var parents = new Dictionary<Guid, Guid?>(byId.Count);
        foreach (var checkpoint in byId.Values)
        {
            parents[checkpoint.Id] =
                checkpoint.ParentId is { } p && p != checkpoint.Id && byId.ContainsKey(p) ? p : null;
        }

        // Walk up from each node; a node met twice on one walk closes a cycle, which is cut at the
        // node where the walk re-entered it (that node becomes a root).
        var settled = new HashSet<Guid>();
        foreach (var start in byId.Keys)
        {
            var path = new HashSet<Guid>();
            var node = start;
            while (!settled.Contains(node) && path.Add(node))
            {
                if (parents[node] is not { } parent)
                {
                    break;
                }

                if (path.Contains(parent))
                {
                    parents[node] = null;
                    break;
                }

                node = parent;
            }

            settled.UnionWith(path);
        }

        return parents;
    }

    private static Dictionary<Guid, int> ComputeDepths(Dictionary<Guid, Guid?> parents)
    {
        var depths = new Dictionary<Guid, int>(parents.Count);
        var stack = new Stack<Guid>();
        foreach (var id in parents.Keys)
        {
            var node = id;
            while (!depths.ContainsKey(node))
            {
                stack.Push(node);
                if (parents[node] is not { } parent)
                {
                    break;
                }

                node = parent;
            }

            var depth = depths.TryGetValue(node, out var known) ? known : 0;
            while (stack.Count > 0)
            {
                var next = stack.Pop();
                if (depths.TryGetValue(next, out var existing))
                {
                    depth = existing;
                }
                else
                {
                    depth++;
                    depths[next] = depth;
                }
            }
        }

        return depths;
    }

    private static ImmutableArray<DiskFile> HeldDisks(
        Checkpoint checkpoint, Dictionary<Guid, List<ImmutableArray<DiskFile>>> children)
    {
        if (!children.TryGetValue(checkpoint.Id, out var childDisks))
        {
            return [];
        }

        var own = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var disk in checkpoint.Disks.IsDefault ? [] : checkpoint.Disks)
        {
            own.Add(disk.Path);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var held = ImmutableArray.CreateBuilder<DiskFile>();
        foreach (var disks in childDisks)
        {
            foreach (var disk in disks)
            {
                if (disk.IsDifferencing && !own.Contains(disk.Path) && seen.Add(disk.Path))
                {
                    held.Add(disk);
                }
            }
        }

        return held.ToImmutable();
    }
}
