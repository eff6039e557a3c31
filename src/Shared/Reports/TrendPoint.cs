namespace CheckpointDashboard.Shared.Reports;

/// <summary>One day of a trend series: the day's last figures, its peak checkpoint count and its churn.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="At">The time of the latest sample used for the day.</param>
/// <param name="MaxCheckpoints">The day's peak (summed over clusters for the fleet series).</param>
public sealed record TrendPoint(
    DateOnly Day,
    DateTimeOffset At,
    int Vms,
    int Checkpoints,
    long CheckpointBytes,
    int Findings,
    int Critical,
    int MaxCheckpoints,
    int Added,
    int Removed);
