using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// What <see cref="JobsHub"/> calls on its clients. A client receives the events of what it subscribed to, each once,
/// in the order the job service published them: a job's <see cref="JobCreated"/>, then its <see cref="JobProgress"/>
/// ticks, then its <see cref="JobFinished"/>.
/// </summary>
public interface IJobsClient
{
    /// <summary>A job was accepted (usually queued).</summary>
    Task JobCreated(JobInfo job);

    /// <summary>A running job moved on; the full job comes with <see cref="JobFinished"/>, or from <c>GetJob</c>.</summary>
    Task JobProgress(JobProgress progress);

    /// <summary>A job reached a final state (or OutcomeUnknown), with its result or error.</summary>
    Task JobFinished(JobInfo job);
}
