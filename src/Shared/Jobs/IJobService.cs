namespace CheckpointDashboard.Shared.Jobs;

/// <summary>
/// The one owner of every mutating operation on hosts: it validates and accepts requests, queues them (one operation
/// per VM at a time, a limit on concurrent merges per host), runs them through Hyper-V's real methods, follows
/// Hyper-V's jobs to the end, records everything, and publishes each change.
/// </summary>
public interface IJobService
{
    /// <summary>Validates and queues <paramref name="request"/> on behalf of <paramref name="user"/>.</summary>
    /// <exception cref="JobRejectedException">The request was refused; nothing was sent.</exception>
    Task<JobInfo> SubmitAsync(JobRequest request, string user, CancellationToken cancellationToken);

    /// <summary>Cancels a queued job, or asks Hyper-V to cancel a running one when it allows.</summary>
    /// <exception cref="JobRejectedException">No such job, or it cannot be cancelled now.</exception>
    Task<JobInfo> CancelAsync(Guid jobId, string user, CancellationToken cancellationToken);

    /// <summary>A job by id (active ones from memory, finished ones from the store); null when unknown.</summary>
    Task<JobInfo?> FindAsync(Guid jobId, CancellationToken cancellationToken);

    /// <summary>Job history, newest first.</summary>
    Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken);

    /// <summary>Jobs that are queued, running or waiting for reconciliation.</summary>
    IReadOnlyList<JobInfo> Active { get; }

    /// <summary>Every job change from now on, until <paramref name="cancellationToken"/> is cancelled. Never blocks the service.</summary>
    IAsyncEnumerable<JobEvent> WatchAsync(CancellationToken cancellationToken);
}
