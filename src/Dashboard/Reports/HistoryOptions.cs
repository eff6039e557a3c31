namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>The <c>Reports:History</c> section: how the trend samples are taken and kept.</summary>
public sealed class HistoryOptions
{
    /// <summary>How often a sample per cluster is recorded.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Samples younger than this are kept as taken; older ones become one per cluster per day.</summary>
    public TimeSpan KeepEverything { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Daily samples older than this are deleted.</summary>
    public TimeSpan KeepDaily { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How often the history is compacted.</summary>
    public TimeSpan CompactInterval { get; set; } = TimeSpan.FromHours(1);
}
