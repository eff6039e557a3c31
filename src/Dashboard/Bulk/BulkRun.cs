using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Bulk;

namespace CheckpointDashboard.Dashboard.Bulk;

/// <summary>A bulk change held in memory while it runs (and briefly after, until its last writes reach the store).</summary>
/// <remarks>Every field is read and written under <see cref="BulkService"/>'s gate.</remarks>
internal sealed class BulkRun
{
    public BulkRun(BulkRecord record, IEnumerable<BulkItemRecord> items)
    {
        Record = record;
        Items = [.. items.OrderBy(i => i.Position)];
        ByVm = Items.ToDictionary(i => i.VmId);
        foreach (var item in Items.Where(i => i.Status == BulkItemStatus.Pending))
        {
            Pending.AddLast(item);
        }
    }

    public BulkRecord Record { get; }

    public List<BulkItemRecord> Items { get; }

    public Dictionary<Guid, BulkItemRecord> ByVm { get; }

    /// <summary>Items not started yet, in start order.</summary>
    public LinkedList<BulkItemRecord> Pending { get; } = new();

    /// <summary>Items whose job was possibly submitted before a restart: their job is looked up before anything is sent.</summary>
    public HashSet<Guid> Resumed { get; } = [];

    /// <summary>Items being submitted right now (not yet checked against their job).</summary>
    public HashSet<Guid> Submitting { get; } = [];

    /// <summary>The write sequence number of the run's final state; 0 while running.</summary>
    public long FinalWrite { get; set; }

    public CheckpointSettingsTarget Target => new(Record.TargetType, Record.TargetAutomatic);

    public bool IsRunning => Record.State == BulkState.Running;

    public BulkJobInfo Summary() => BulkService.ToInfo(Record, Items.CountBy(i => i.Status).ToDictionary());
}
