namespace CheckpointDashboard.Shared.Bulk;

/// <summary>Where a bulk change is.</summary>
public enum BulkState
{
    Running,

    /// <summary>Every VM that was to change, changed.</summary>
    Completed,

    /// <summary>It ran to the end; some VMs failed (retry them with "retry failed").</summary>
    CompletedWithFailures,

    /// <summary>Stopped on request: VMs not yet started were not changed.</summary>
    Cancelled,
}
