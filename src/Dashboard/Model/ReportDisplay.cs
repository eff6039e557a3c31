using CheckpointDashboard.Shared.Reports;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>Words and colours for the report's rules and severities.</summary>
public static class ReportDisplay
{
    public static Color SeverityColor(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => Color.Error,
        FindingSeverity.Warning => Color.Warning,
        _ => Color.Info,
    };

    /// <summary>What a rule looks for, in words.</summary>
    public static string RuleText(string ruleId) => ruleId switch
    {
        ReportRuleIds.Age => "Checkpoints older than the age threshold",
        ReportRuleIds.Count => "VMs with more checkpoints than allowed",
        ReportRuleIds.Depth => "Checkpoint chains deeper than allowed",
        ReportRuleIds.Size => "VMs whose checkpoints hold more space than allowed",
        ReportRuleIds.Share => "VMs whose checkpoints hold too large a share of their disks",
        ReportRuleIds.StandardType => "VMs configured for Standard checkpoints",
        ReportRuleIds.CriticalNotProduction => "Domain controllers and database servers not on Production checkpoints",
        ReportRuleIds.StandardWithMemory => "Standard checkpoints with saved memory on domain controllers or database servers",
        ReportRuleIds.BackupLeftover => "Recovery and Replica checkpoints left behind by backup or replication software",
        ReportRuleIds.AutomaticLeft => "Automatic checkpoints that were never removed",
        ReportRuleIds.OrphanDisk => "Differencing disks no VM or checkpoint references",
        ReportRuleIds.UnregisteredDifferencing => "VMs running on a differencing disk with no checkpoint registered",
        _ => ruleId,
    };

    /// <summary>
    /// A storage location with what makes it unique: a drive letter is per host and a Cluster Shared Volume per
    /// cluster, so "D:\" alone would name a different disk on every standalone host.
    /// </summary>
    public static string StorageName(ReportRollUp group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Host is { } host ? $"{host} {group.Name}" : group.Cluster is { } cluster ? $"{cluster} {group.Name}" : group.Name;
    }
}
