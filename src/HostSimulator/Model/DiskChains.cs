namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>
/// Keeps a VM's differencing-disk chains tidy after its checkpoints change, the way Hyper-V does: a file that no
/// configuration references any more is merged with its only child (the child's changes go into it, and whoever
/// referenced the child references it instead), or deleted when it is a differencing disk with no children.
/// </summary>
internal static class DiskChains
{
    /// <summary>A planned merge: <paramref name="Child"/> folds into <paramref name="Into"/>.</summary>
    internal sealed record Merge(string Child, string Into, long Bytes);

    /// <summary>What tidying would do, computed before a job starts so that its duration can follow the bytes merged.</summary>
    internal sealed record Plan(IReadOnlyList<Merge> Merges, IReadOnlyList<string> Deletions)
    {
        public long Bytes => Merges.Sum(m => m.Bytes);
    }

    /// <summary>
    /// Plans the tidy-up of the files in <paramref name="candidates"/> (the files the VM's configurations referenced
    /// before the change, and their parents) given the files referenced after it.
    /// </summary>
    public static Plan PlanTidy(SimulatedStorage storage, IEnumerable<string> candidates, IReadOnlySet<string> referenced)
    {
        var scope = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in candidates)
        {
            for (var file = storage.Find(path); file is not null && scope.Add(file.Path); file = file.ParentPath is null ? null : storage.Find(file.ParentPath))
            {
            }
        }

        // Work on a copy of the parent links so the plan can be computed without touching storage.
        var parents = scope.ToDictionary(p => p, p => storage.Find(p)!.ParentPath, StringComparer.OrdinalIgnoreCase);
        var sizes = scope.ToDictionary(p => p, p => storage.Find(p)!.SizeBytes, StringComparer.OrdinalIgnoreCase);
        var alive = new HashSet<string>(scope, StringComparer.OrdinalIgnoreCase);
        var references = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in referenced)
        {
            references[path] = path;
        }

        var merges = new List<Merge>();
        var deletions = new List<string>();
        var changed = true;
        while (changed)
        {
            changed = false;

            // Files nothing depends on go first: merging a child into a file that is deleted right after (a whole
            // branch removed by DestroySnapshotTree) would be work, and job time, that Hyper-V does not spend.
            foreach (var path in alive.ToList())
            {
                if (!references.ContainsKey(path) && parents[path] is not null &&
                    !alive.Any(p => string.Equals(parents[p], path, StringComparison.OrdinalIgnoreCase)))
                {
                    alive.Remove(path);
                    deletions.Add(path);
                    changed = true;
                }
            }

            if (changed)
            {
                continue;
            }

            foreach (var path in alive.ToList())
            {
                if (references.ContainsKey(path) || !alive.Contains(path))
                {
                    continue;
                }

                var children = alive.Where(p => string.Equals(parents[p], path, StringComparison.OrdinalIgnoreCase)).ToList();
                if (children.Count == 1)
                {
                    var child = children[0];
                    merges.Add(new Merge(child, path, sizes[child]));
                    sizes[path] += sizes[child];
                    foreach (var grandchild in alive.Where(p => string.Equals(parents[p], child, StringComparison.OrdinalIgnoreCase)).ToList())
                    {
                        parents[grandchild] = path;
                    }

                    if (references.Remove(child))
                    {
                        references[path] = path;
                    }

                    alive.Remove(child);
                    changed = true;
                }
            }
        }

        return new Plan(merges, deletions);
    }

    /// <summary>Carries out <paramref name="plan"/> on storage and re-points the VM's references.</summary>
    public static void Apply(Plan plan, SimulatedStorage storage, SimulatedVm vm, DateTimeOffset now)
    {
        foreach (var merge in plan.Merges)
        {
            var child = storage.Find(merge.Child);
            var into = storage.Find(merge.Into);
            if (child is null || into is null)
            {
                continue;
            }

            // A merged file does not grow by the whole child: blocks the child rewrote replace the parent's.
            into.SizeBytes += (long)(child.SizeBytes * 0.8);
            into.Modified = now;
            foreach (var grandchild in storage.ChildrenOf(child.Path).ToList())
            {
                grandchild.ParentPath = into.Path;
            }

            storage.Remove(child.Path);
            Repoint(vm.Disks, child.Path, into.Path);
            foreach (var checkpoint in vm.Checkpoints)
            {
                Repoint(checkpoint.Disks, child.Path, into.Path);
            }
        }

        foreach (var path in plan.Deletions)
        {
            storage.Remove(path);
        }
    }

    private static void Repoint(List<string> disks, string from, string to)
    {
        for (var i = 0; i < disks.Count; i++)
        {
            if (string.Equals(disks[i], from, StringComparison.OrdinalIgnoreCase))
            {
                disks[i] = to;
            }
        }
    }
}
