using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>One VM of a bulk change as stored.</summary>
public sealed class BulkItemRecord
{
    public Guid BulkId { get; set; }

    public Guid VmId { get; set; }

    /// <summary>Order of the VM in the preview (the order items are started in).</summary>
    public int Position { get; set; }

    public string VmName { get; set; } = string.Empty;

    public string Host { get; set; } = string.Empty;

    public string? Cluster { get; set; }

    public CheckpointType BeforeType { get; set; }

    public bool BeforeAutomatic { get; set; }

    public BulkItemStatus Status { get; set; }

    public string? Detail { get; set; }

    /// <summary>The job that changes this VM; its id is derived from the bulk and VM ids, so a resubmit finds it.</summary>
    public Guid? JobId { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
