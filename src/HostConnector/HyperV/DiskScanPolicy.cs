namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>How often, and how many, disk folders a refresh may scan for file sizes.</summary>
/// <param name="MaxAge">Rescan a folder when its last scan is older than this.</param>
/// <param name="MaxFoldersPerRefresh">Upper bound of folder scans in one refresh, so a refresh stays a bounded number of requests.</param>
public sealed record DiskScanPolicy(TimeSpan MaxAge, int MaxFoldersPerRefresh)
{
    public static DiskScanPolicy Default { get; } = new(TimeSpan.FromMinutes(10), 16);

    /// <summary>Never scans (sizes stay unknown).</summary>
    public static DiskScanPolicy Disabled { get; } = new(TimeSpan.MaxValue, 0);
}
