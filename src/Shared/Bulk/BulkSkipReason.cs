namespace CheckpointDashboard.Shared.Bulk;

/// <summary>Why a selected VM is left out of a bulk change. Nothing is skipped silently: each one says why.</summary>
public enum BulkSkipReason
{
    /// <summary>It already has the target settings.</summary>
    AlreadyCompliant,

    /// <summary>Its host is not answering (its data is stale).</summary>
    HostUnreachable,

    /// <summary>Its configuration version is below 6.2, which has no checkpoint types.</summary>
    ConfigurationVersionTooOld,

    /// <summary>It is a Replica VM; Hyper-V Replica manages its checkpoints.</summary>
    ReplicaVm,

    /// <summary>Another operation is running or queued on it.</summary>
    Busy,

    /// <summary>It was asked for by id but is not in the inventory.</summary>
    NotFound,

    /// <summary>The requesting user's roles do not allow changing settings on its cluster or host.</summary>
    NotPermitted,
}
