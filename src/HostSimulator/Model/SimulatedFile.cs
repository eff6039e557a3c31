namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>A virtual-disk file on simulated storage. <see cref="ParentPath"/> is set for differencing disks.</summary>
public sealed class SimulatedFile
{
    public SimulatedFile(string path, long sizeBytes, string? parentPath, DateTimeOffset modified)
    {
        Path = path;
        SizeBytes = sizeBytes;
        ParentPath = parentPath;
        Modified = modified;
    }

    public string Path { get; }

    public long SizeBytes { get; set; }

    public string? ParentPath { get; set; }

    public DateTimeOffset Modified { get; set; }

    public bool IsDifferencing => ParentPath is not null;
}
