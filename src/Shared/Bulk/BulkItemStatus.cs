namespace CheckpointDashboard.Shared.Bulk;

/// <summary>One VM's part in a bulk change.</summary>
public enum BulkItemStatus
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Its settings change is running (a job of its own).</summary>
    Running,

    Succeeded,
    Failed,

    /// <summary>Left out, with the reason (see the preview).</summary>
    Skipped,

    /// <summary>Not started because the bulk change was cancelled.</summary>
    Cancelled,

    /// <summary>Its host went silent after the change was sent; settled by reconciliation.</summary>
    OutcomeUnknown,
}
