using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// What <see cref="JobsHub"/> calls on its clients. A client receives the events of what it subscribed to, each once,
/// in the order the job service published them: a job's <see cref="JobCreated"/>, then its <see cref="JobProgress"/>
/// ticks, then its <see cref="JobFinished"/>. Bulk changes follow the same rules, in the order the bulk service
/// published them: <see cref="BulkStarted"/>, then <see cref="BulkItemChanged"/> per VM, then <see cref="BulkFinished"/>.
/// </summary>
public interface IJobsClient
{
    /// <summary>A job was accepted (usually queued).</summary>
    Task JobCreated(JobInfo job);

    /// <summary>A running job moved on; the full job comes with <see cref="JobFinished"/>, or from <c>GetJob</c>.</summary>
    Task JobProgress(JobProgress progress);

    /// <summary>A job reached a final state (or OutcomeUnknown), with its result or error.</summary>
    Task JobFinished(JobInfo job);

    /// <summary>A bulk change started.</summary>
    Task BulkStarted(BulkJobInfo bulk);

    /// <summary>One VM of a bulk change moved on; <paramref name="bulk"/>'s counts already include it.</summary>
    Task BulkItemChanged(BulkJobInfo bulk, BulkItem item);

    /// <summary>A bulk change reached a final state (completed, with failures, or cancelled).</summary>
    Task BulkFinished(BulkJobInfo bulk);
}
