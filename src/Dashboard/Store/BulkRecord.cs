using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>A bulk change as stored; its VMs are <see cref="BulkItemRecord"/>s.</summary>
public sealed class BulkRecord
{
    public Guid Id { get; set; }

    public BulkState State { get; set; }

    public CheckpointType? TargetType { get; set; }

    public bool? TargetAutomatic { get; set; }

    public string Selection { get; set; } = string.Empty;

    public string SelectorJson { get; set; } = "{}";

    public string RequestedBy { get; set; } = string.Empty;

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public Guid? RetryOf { get; set; }

    public bool CancelRequested { get; set; }
}
