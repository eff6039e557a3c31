using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>One rule's settings in configuration (<c>Reports:Rules:{ruleId}</c>).</summary>
public sealed class RuleSettingOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The severity of the rule's findings; null keeps the rule's default (see <see cref="ReportRules.DefaultSetting"/>).</summary>
    public FindingSeverity? Severity { get; set; }

    public ExclusionOptions? Exclude { get; set; }
}
