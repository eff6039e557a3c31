namespace CheckpointDashboard.Dashboard.Store;

/// <summary>The report rules an operator saved (one row, <see cref="SingletonId"/>): they override the configuration's defaults.</summary>
public sealed class ReportRulesRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The <see cref="Shared.Reports.ReportRules"/> as JSON (see <see cref="Reports.ReportRulesJson"/>).</summary>
    public string Json { get; set; } = "{}";

    public int Version { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}
