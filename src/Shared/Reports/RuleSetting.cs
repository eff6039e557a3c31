namespace CheckpointDashboard.Shared.Reports;

/// <summary>How one rule runs: on or off, the severity of its findings, and the VMs it leaves alone.</summary>
/// <param name="Enabled">False turns the rule off entirely.</param>
/// <param name="Severity">The severity of the rule's findings (the age rule escalates to Critical past its critical threshold).</param>
/// <param name="Exclude">VMs, clusters and hosts the rule does not apply to, on top of the report-wide exclusion.</param>
public sealed record RuleSetting(bool Enabled, FindingSeverity Severity, ReportExclusion? Exclude = null)
{
    public static RuleSetting Warning { get; } = new(true, FindingSeverity.Warning);

    public static RuleSetting Critical { get; } = new(true, FindingSeverity.Critical);

    public static RuleSetting Info { get; } = new(true, FindingSeverity.Info);

    public static RuleSetting Off { get; } = new(false, FindingSeverity.Warning);
}
