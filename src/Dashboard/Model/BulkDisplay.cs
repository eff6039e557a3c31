using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Policies;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>Words and colours for bulk changes, their items and compliance.</summary>
public static class BulkDisplay
{
    public static string Href(Guid bulkId) => $"/bulk/{bulkId}";

    public static string StateText(BulkState state) => state switch
    {
        BulkState.Running => "Running",
        BulkState.Completed => "Completed",
        BulkState.CompletedWithFailures => "Completed with failures",
        BulkState.Cancelled => "Cancelled",
        _ => state.ToString(),
    };

    public static Color StateColor(BulkState state) => state switch
    {
        BulkState.Running => Color.Info,
        BulkState.Completed => Color.Success,
        BulkState.CompletedWithFailures => Color.Error,
        _ => Color.Default,
    };

    public static string ItemText(BulkItemStatus status) => status switch
    {
        BulkItemStatus.OutcomeUnknown => "Outcome unknown",
        _ => status.ToString(),
    };

    public static Color ItemColor(BulkItemStatus status) => status switch
    {
        BulkItemStatus.Running => Color.Info,
        BulkItemStatus.Succeeded => Color.Success,
        BulkItemStatus.Failed => Color.Error,
        BulkItemStatus.OutcomeUnknown => Color.Warning,
        _ => Color.Default,
    };

    public static string SkipText(BulkSkipReason reason) => reason switch
    {
        BulkSkipReason.AlreadyCompliant => "Already set",
        BulkSkipReason.HostUnreachable => "Host unreachable",
        BulkSkipReason.ConfigurationVersionTooOld => "Version below 6.2",
        BulkSkipReason.ReplicaVm => "Replica VM",
        BulkSkipReason.Busy => "Busy with another job",
        BulkSkipReason.NotFound => "Not in the inventory",
        BulkSkipReason.NotPermitted => "Not permitted",
        _ => reason.ToString(),
    };

    /// <summary>"12 of 40 done: 10 changed, 2 failed".</summary>
    public static string Summary(BulkJobInfo bulk)
    {
        ArgumentNullException.ThrowIfNull(bulk);
        var toChange = bulk.Total - bulk.Skipped;
        var done = bulk.Succeeded + bulk.Failed + bulk.Cancelled + bulk.Unknown;
        var parts = new List<string> { $"{bulk.Succeeded} changed" };
        if (bulk.Failed > 0)
        {
            parts.Add($"{bulk.Failed} failed");
        }

        if (bulk.Unknown > 0)
        {
            parts.Add($"{bulk.Unknown} unknown");
        }

        if (bulk.Cancelled > 0)
        {
            parts.Add($"{bulk.Cancelled} cancelled");
        }

        if (bulk.Skipped > 0)
        {
            parts.Add($"{bulk.Skipped} skipped");
        }

        return $"{done} of {toChange} done: {string.Join(", ", parts)}.";
    }

    public static string ComplianceText(ComplianceStatus status) => status switch
    {
        ComplianceStatus.NonCompliant => "Non-compliant",
        ComplianceStatus.NoPolicy => "No policy",
        _ => status.ToString(),
    };

    public static Color ComplianceColor(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Compliant => Color.Success,
        ComplianceStatus.NonCompliant => Color.Error,
        ComplianceStatus.Unknown => Color.Warning,
        _ => Color.Default,
    };
}
