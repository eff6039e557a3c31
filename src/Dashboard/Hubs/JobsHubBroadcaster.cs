using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.SignalR;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// Forwards every change of <see cref="IJobService.WatchAsync"/> to the <see cref="JobsHub"/> clients that follow it:
/// Created → <see cref="IJobsClient.JobCreated"/>, Progressed → <see cref="IJobsClient.JobProgress"/>, Finished →
/// <see cref="IJobsClient.JobFinished"/>, each sent once to the union of the connections following all jobs, the job's
/// VM or the job (see <see cref="JobSubscriptions"/>). Ordering and delivery as <see cref="HubForwarder{TEvent}"/> says:
/// a job's Created before its progress, its progress before its Finished. Clients recover from a missed event by asking
/// the hub for <c>GetJob</c> or <c>GetActiveJobs</c>.
/// </summary>
public sealed class JobsHubBroadcaster(
    IServiceProvider services,
    IHubContext<JobsHub, IJobsClient> hub,
    JobSubscriptions subscriptions,
    TimeProvider time,
    ILogger<JobsHubBroadcaster> logger) : HubForwarder<JobEvent>(services, time, logger)
{
    protected override string SourceName => "job service";

    protected override Func<CancellationToken, IAsyncEnumerable<JobEvent>>? Source(IServiceProvider services) =>
        services.GetService<IJobService>() is { } jobs ? jobs.WatchAsync : null;

    protected override Task SendAsync(JobEvent change, DateTimeOffset readAt)
    {
        var job = change.Job;
        var connections = subscriptions.ConnectionsFor(job);
        if (connections.Count == 0)
        {
            return Task.CompletedTask;
        }

        var clients = hub.Clients.Clients(connections);
        return change switch
        {
            JobEvent.Created => clients.JobCreated(job),
            JobEvent.Progressed => clients.JobProgress(new JobProgress(job.Id, job.VmId, job.State, job.Percent, job.Phase, readAt)),
            JobEvent.Finished => clients.JobFinished(job),
            _ => Task.CompletedTask,
        };
    }

    protected override string Describe(JobEvent change) => $"{change.GetType().Name} of job {change.Job.Id}";
}
