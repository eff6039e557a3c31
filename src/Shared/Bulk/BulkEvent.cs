namespace CheckpointDashboard.Shared.Bulk;

/// <summary>A change to a bulk change, as the bulk service publishes it.</summary>
public abstract record BulkEvent(BulkJobInfo Bulk)
{
    public sealed record Started(BulkJobInfo Bulk) : BulkEvent(Bulk);

    /// <summary>One VM moved on (started, succeeded, failed…); the summary's counts include it.</summary>
    public sealed record ItemChanged(BulkJobInfo Bulk, BulkItem Item) : BulkEvent(Bulk);

    public sealed record Finished(BulkJobInfo Bulk) : BulkEvent(Bulk);
}
