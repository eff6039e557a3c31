using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Shared.Bulk;

/// <summary>
/// Bulk changes of checkpoint settings: preview (a dry run), run as one bulk change with a result per VM (each VM's
/// change is a job of its own, so it is queued, limited, followed and audited like any other), cancel, and retry the
/// failures. Bulk changes survive a restart: they resume, and say exactly which VMs were changed.
/// </summary>
public interface IBulkService
{
    /// <exception cref="JobRejectedException">The selector or target is invalid (<see cref="JobRejection.Invalid"/>).</exception>
    BulkPreview Preview(BulkRequest request);

    /// <summary>
    /// The preview as <paramref name="user"/> would run it: VMs their roles do not allow changing are skipped
    /// (<see cref="BulkSkipReason.NotPermitted"/>).
    /// </summary>
    /// <exception cref="JobRejectedException">Invalid request; or the user may change settings nowhere (Forbidden).</exception>
    Task<BulkPreview> PreviewAsync(BulkRequest request, string user, CancellationToken cancellationToken) => Task.FromResult(Preview(request));

    /// <summary>Starts the change of every VM the preview says will change.</summary>
    /// <exception cref="JobRejectedException">Invalid request, or nothing to change.</exception>
    Task<BulkJobInfo> StartAsync(BulkRequest request, string user, CancellationToken cancellationToken);

    /// <summary>Stops starting VMs; the ones running finish, the rest are marked cancelled.</summary>
    Task<BulkJobInfo> CancelAsync(Guid bulkId, string user, CancellationToken cancellationToken);

    /// <summary>A new bulk change of the same target over exactly the VMs that failed (or stayed unknown) in <paramref name="bulkId"/>.</summary>
    Task<BulkJobInfo> RetryFailedAsync(Guid bulkId, string user, CancellationToken cancellationToken);

    Task<BulkJobInfo?> FindAsync(Guid bulkId, CancellationToken cancellationToken);

    Task<IReadOnlyList<BulkItem>> ItemsAsync(Guid bulkId, CancellationToken cancellationToken);

    /// <summary>Recent bulk changes, newest first.</summary>
    Task<IReadOnlyList<BulkJobInfo>> ListAsync(int limit, CancellationToken cancellationToken);

    IAsyncEnumerable<BulkEvent> WatchAsync(CancellationToken cancellationToken);
}
