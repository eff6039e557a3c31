using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Bulk;

/// <summary>One VM of a preview: its settings now, what they would become, or why it is skipped.</summary>
public sealed record BulkPreviewItem(
    Guid VmId,
    string VmName,
    string Host,
    string? Cluster,
    CheckpointType CurrentType,
    bool CurrentAutomatic,
    CheckpointType NewType,
    bool NewAutomatic,
    BulkSkipReason? Skip,
    string? SkipDetail)
{
    public bool WillChange => Skip is null;
}
