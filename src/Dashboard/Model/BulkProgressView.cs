using CheckpointDashboard.Shared.Bulk;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// One bulk change as a page shows it: the summary and every VM's item, merged from what was read and what the live
/// events say. Reads and events race (the page subscribes before it reads, so nothing falls between), so an item that
/// has settled never goes back to pending or running, and a final summary is never replaced by a running one.
/// </summary>
public sealed class BulkProgressView
{
    private readonly Dictionary<Guid, BulkItem> _items = [];
    private BulkItem[]? _ordered;

    public BulkProgressView(Guid bulkId)
    {
        BulkId = bulkId;
    }

    public Guid BulkId { get; }

    public BulkJobInfo? Bulk { get; private set; }

    /// <summary>Items by VM name, running ones first, then failures, then the rest.</summary>
    public IReadOnlyList<BulkItem> Items => _ordered ??= [.. _items.Values
        .OrderBy(i => Rank(i.Status))
        .ThenBy(i => i.VmName, StringComparer.OrdinalIgnoreCase)];

    public int Count(BulkItemStatus status) => _items.Values.Count(i => i.Status == status);

    /// <summary>Takes what was read; returns true when the view changed.</summary>
    public bool Load(BulkJobInfo bulk, IEnumerable<BulkItem> items)
    {
        ArgumentNullException.ThrowIfNull(bulk);
        ArgumentNullException.ThrowIfNull(items);
        var changed = Take(bulk);
        foreach (var item in items)
        {
            changed |= Take(item);
        }

        return changed;
    }

    /// <summary>Takes a live event if it is about this bulk change; returns true when the view changed.</summary>
    public bool Apply(BulkEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Bulk.Id != BulkId)
        {
            return false;
        }

        var changed = Take(change.Bulk);
        if (change is BulkEvent.ItemChanged { Item: var item })
        {
            changed |= Take(item);
        }

        return changed;
    }

    private bool Take(BulkJobInfo bulk)
    {
        if (bulk.Id != BulkId || (Bulk is { IsFinal: true } && !bulk.IsFinal) || Equals(Bulk, bulk))
        {
            return false;
        }

        Bulk = bulk;
        return true;
    }

    private bool Take(BulkItem item)
    {
        if (item.BulkId != BulkId)
        {
            return false;
        }

        if (_items.TryGetValue(item.VmId, out var known) && (Equals(known, item) || (IsSettled(known.Status) && !IsSettled(item.Status))))
        {
            return false;
        }

        _items[item.VmId] = item;
        _ordered = null;
        return true;
    }

    private static bool IsSettled(BulkItemStatus status) =>
        status is BulkItemStatus.Succeeded or BulkItemStatus.Failed or BulkItemStatus.Skipped or BulkItemStatus.Cancelled;

    private static int Rank(BulkItemStatus status) => status switch
    {
        BulkItemStatus.Running => 0,
        BulkItemStatus.Failed => 1,
        BulkItemStatus.OutcomeUnknown => 2,
        BulkItemStatus.Pending => 3,
        BulkItemStatus.Succeeded => 4,
        BulkItemStatus.Cancelled => 5,
        _ => 6,
    };
}
