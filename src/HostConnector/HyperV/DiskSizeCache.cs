using System.Collections.Concurrent;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>
/// What a host's disk folders held when last scanned through <c>CIM_DataFile</c>: file sizes for the
/// inventory, and the full listing for orphan detection. One per host; lives as long as the host's watch loop.
/// </summary>
/// <remarks>
/// Sizes are measured per folder on their own slower schedule because <c>Get-VMCheckpoint</c> and the VM
/// classes report none, and scanning folders costs the host real work (see the reference's warning on
/// <c>CIM_DataFile</c>). Thread-safe: the watch loop writes, readers (reports) may read concurrently.
/// </remarks>
public sealed class DiskSizeCache
{
    private readonly ConcurrentDictionary<string, FolderScan> _folders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The last scan of each folder.</summary>
    public IReadOnlyCollection<FolderScan> Folders => [.. _folders.Values];

    /// <summary>Bytes the file uses, from the last scan of its folder; null when not measured or not found.</summary>
    public long? SizeOf(string path)
    {
        var normalized = DiskPaths.Normalize(path);
        return _folders.TryGetValue(DiskPaths.FolderOf(normalized), out var scan) &&
               scan.Files.TryGetValue(normalized, out var file)
            ? file.SizeBytes
            : null;
    }

    /// <summary>
    /// Folders of <paramref name="referencedPaths"/> that need a scan: never scanned, scanned longer than
    /// <paramref name="maxAge"/> ago, or missing a file that is referenced now (a new checkpoint's disk).
    /// Folders that cannot be scanned over CIM (network shares) are left out. At most <paramref name="limit"/>, stalest first.
    /// </summary>
    public IReadOnlyList<string> FoldersToScan(IEnumerable<string> referencedPaths, DateTimeOffset now, TimeSpan maxAge, int limit)
    {
        ArgumentNullException.ThrowIfNull(referencedPaths);
        var due = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in referencedPaths)
        {
            var path = DiskPaths.Normalize(raw);
            var folder = DiskPaths.FolderOf(path);
            if (folder.Length == 0 || !DiskPaths.IsScannable(folder) || due.ContainsKey(folder))
            {
                continue;
            }

            if (!_folders.TryGetValue(folder, out var scan))
            {
                due[folder] = DateTimeOffset.MinValue;
            }
            // A folder the host refused to list is not asked again until its scan is old; a folder that was
            // listed is rescanned as soon as it lacks a file that is referenced now (a new checkpoint's disk).
            else if (now - scan.ScannedAt >= maxAge || (scan.Error is null && !scan.Files.ContainsKey(path)))
            {
                due[folder] = scan.ScannedAt;
            }
        }

        return [.. due.OrderBy(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase).Take(limit).Select(pair => pair.Key)];
    }

    public void Record(FolderScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        _folders[scan.Folder] = scan;
    }
}
