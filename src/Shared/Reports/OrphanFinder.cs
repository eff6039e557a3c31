using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// Differencing disks that folder listings show and nothing in the inventory references. Every VM of the snapshot
/// counts as a reference, filtered out or not: a file in use by a VM the filter hides is still in use.
/// </summary>
/// <remarks>
/// References are matched fleet-wide rather than per host: differencing-disk names carry a GUID, so the same path
/// on two hosts is in practice the same file seen through shared storage, and calling a file in use an orphan is
/// the mistake that costs data.
/// </remarks>
internal static class OrphanFinder
{
    public static void Find(
        FleetSnapshot snapshot, IReadOnlyCollection<FolderListing> folders, RuleContext context, ScopeFilter scope,
        ReportAccumulator report, IReadOnlyDictionary<string, string?> clusterOfHost)
    {
        var severity = context.SeverityOf(RuleContext.OrphanDisk);
        if (!context.Keeps(RuleContext.OrphanDisk, severity))
        {
            return;
        }

        var referenced = References(snapshot);
        var candidates = new List<(string Host, string? Cluster, string Path, long Size)>();
        foreach (var listing in folders)
        {
            if (listing?.Files is not { IsDefault: false } files || string.IsNullOrEmpty(listing.HostName))
            {
                continue;
            }

            var host = listing.HostName;
            var cluster = clusterOfHost.GetValueOrDefault(host);
            if (!scope.CoversFiles(host, cluster) || !RuleContext.Has(context.ActiveFor(null, host, cluster), RuleContext.OrphanDisk))
            {
                continue;
            }

            foreach (var file in files)
            {
                if (file?.Path is not { Length: > 0 } || !IsDifferencing(file.Path) ||
                    (file.LastModified is { } modified && report.Now - modified < context.Rules.OrphanGrace))
                {
                    continue;
                }

                var path = PathOf(listing.Folder, file.Path);
                if (!referenced.Contains(path))
                {
                    candidates.Add((host, cluster, path, file.SizeBytes));
                }
            }
        }

        // Sorted before reporting so the report does not depend on the order hosts answered in, and so that a
        // Cluster Shared Volume listed by several nodes is reported once, by the first node by name.
        candidates.Sort((a, b) =>
        {
            var order = StringComparer.OrdinalIgnoreCase.Compare(a.Host, b.Host);
            return order != 0 ? order : StringComparer.OrdinalIgnoreCase.Compare(a.Path, b.Path);
        });
        var reported = new HashSet<string>(DiskPathComparer.Instance);
        foreach (var (host, cluster, path, size) in candidates)
        {
            if (reported.Add($"{cluster ?? host}\\{path}"))
            {
                Report(report, severity, host, cluster, path, size);
            }
        }
    }

    private static void Report(ReportAccumulator report, FindingSeverity severity, string host, string? cluster, string path, long size)
    {
        var volume = StoragePaths.VolumeOf(StoragePaths.Normalize(path));
        report.AddFinding(new ReportFinding(ReportRuleIds.OrphanDisk, severity, null, null, null, null, path, host, cluster, volume, size,
            $"{path} ({ReportFormat.Bytes(size)}) on {host} is a differencing disk that no VM or checkpoint references; " +
            "check it before removing it, never merge or delete it while a VM might use it."));
        foreach (var group in (ReadOnlySpan<GroupTotals>)[report.Fleet, report.Cluster(cluster), report.Host(host, cluster),
                     report.Storage(volume, host, cluster)])
        {
            group.AddOrphan(size);
            group.AddFinding(severity);
        }
    }

    /// <summary>Every disk file any VM or checkpoint of the fleet uses, holds or was frozen on.</summary>
    private static HashSet<string> References(FleetSnapshot snapshot)
    {
        var referenced = new HashSet<string>(snapshot.Vms.Length + (2 * snapshot.Totals.Checkpoints), DiskPathComparer.Instance);
        foreach (var vm in snapshot.Vms)
        {
            AddAll(referenced, vm.Disks);
            foreach (var checkpoint in vm.Checkpoints.IsDefault ? [] : vm.Checkpoints)
            {
                AddAll(referenced, checkpoint.Disks);
                AddAll(referenced, checkpoint.HeldDisks);
            }
        }

        return referenced;
    }

    private static void AddAll(HashSet<string> set, ImmutableArray<DiskFile> disks)
    {
        foreach (var disk in disks.IsDefault ? [] : disks)
        {
            // Only differencing disks can be orphans, so only they need to be looked up.
            if (IsDifferencing(disk.Path))
            {
                set.Add(disk.Path);
            }
        }
    }

    private static bool IsDifferencing(string path) =>
        path.EndsWith(".avhdx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".avhd", StringComparison.OrdinalIgnoreCase);

    /// <summary>A listed file's full path; a bare name is inside the listed folder.</summary>
    private static string PathOf(string folder, string file) =>
        file.AsSpan().IndexOfAny('\\', '/') >= 0 || string.IsNullOrEmpty(folder) ? file : $"{folder.TrimEnd('\\', '/')}\\{file}";
}
