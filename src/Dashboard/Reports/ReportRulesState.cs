using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>The rules in force and where they come from.</summary>
/// <param name="Version">0 while the configuration's defaults apply; the stored version once an operator saved rules.</param>
/// <param name="UpdatedBy">Who saved them, or null for the configuration's defaults.</param>
public sealed record ReportRulesState(ReportRules Rules, int Version, string? UpdatedBy, DateTimeOffset? UpdatedAt)
{
    /// <summary>"Configuration" or "Store".</summary>
    public string Source => Version == 0 ? "Configuration" : "Store";
}
