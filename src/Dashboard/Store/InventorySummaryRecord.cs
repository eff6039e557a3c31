namespace CheckpointDashboard.Dashboard.Store;

/// <summary>One trend sample as stored: a <see cref="Shared.Reports.InventorySummary"/> of one cluster at one moment.</summary>
public sealed class InventorySummaryRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The cluster; null for the standalone hosts together.</summary>
    public string? Cluster { get; set; }

    public int Vms { get; set; }

    public int Checkpoints { get; set; }

    public long CheckpointBytes { get; set; }

    public int Findings { get; set; }

    public int Critical { get; set; }

    public int MaxCheckpoints { get; set; }

    public int Added { get; set; }

    public int Removed { get; set; }
}
