using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Bulk;

/// <summary>One VM's result in a bulk change: what it had before, what happened, and the job that did it.</summary>
public sealed record BulkItem(
    Guid BulkId,
    Guid VmId,
    string VmName,
    string Host,
    string? Cluster,
    CheckpointType BeforeType,
    bool BeforeAutomatic,
    BulkItemStatus Status,
    string? Detail,
    Guid? JobId,
    DateTimeOffset? FinishedAt);
