namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// A virtual hard disk file referenced by a VM or a checkpoint.
/// </summary>
/// <param name="Path">The file's full path on the host, as the host reports it.</param>
/// <param name="SizeBytes">Bytes the file uses on disk; null until a disk scan has measured it.</param>
public sealed record DiskFile(string Path, long? SizeBytes)
{
    /// <summary>True for differencing disks (<c>.avhdx</c>/<c>.avhd</c>), the files checkpoints create.</summary>
    public bool IsDifferencing =>
        Path.EndsWith(".avhdx", StringComparison.OrdinalIgnoreCase) ||
        Path.EndsWith(".avhd", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file name without its folder, for display.</summary>
    public string FileName
    {
        get
        {
            var cut = Path.LastIndexOfAny(['\\', '/']);
            return cut < 0 ? Path : Path[(cut + 1)..];
        }
    }

    /// <summary>The folder that holds the file (without a trailing separator).</summary>
    public string Folder
    {
        get
        {
            var cut = Path.LastIndexOfAny(['\\', '/']);
            return cut <= 0 ? string.Empty : Path[..cut];
        }
    }
}
