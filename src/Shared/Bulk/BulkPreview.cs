using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Bulk;

/// <summary>
/// What a bulk change would do, computed from the inventory without touching any host: every selected VM with its
/// current and new settings or its skip reason, and counts per cluster and host. A dry run returns exactly this.
/// </summary>
public sealed record BulkPreview(
    CheckpointSettingsTarget Target,
    ImmutableArray<BulkPreviewItem> Items,
    ImmutableArray<BulkGroupCount> ByCluster,
    ImmutableArray<BulkGroupCount> ByHost,
    ImmutableSortedDictionary<BulkSkipReason, int> SkipsByReason)
{
    public int Matched => Items.Length;

    public int ToChange => Items.Count(i => i.WillChange);

    public int Skipped => Items.Length - ToChange;
}
