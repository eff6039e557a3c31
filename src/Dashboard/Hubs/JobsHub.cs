using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.SignalR;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// Live jobs at <c>/hubs/jobs</c>. A client subscribes to all jobs, to one VM's or to one job, and then receives
/// <see cref="IJobsClient"/> calls for them (each event once, however many of its subscriptions match). To miss nothing,
/// subscribe first and then read the current state with <see cref="GetActiveJobs"/> or <see cref="GetJobAsync"/>; after a
/// reconnect, subscribe again (subscriptions belong to a connection).
/// </summary>
public sealed class JobsHub(IJobService jobs, JobSubscriptions subscriptions) : Hub<IJobsClient>
{
    public void SubscribeAll() => subscriptions.Add(Context.ConnectionId, JobGroups.All);

    public void UnsubscribeAll() => subscriptions.Remove(Context.ConnectionId, JobGroups.All);

    public void SubscribeVm(Guid vmId) => subscriptions.Add(Context.ConnectionId, JobGroups.Vm(vmId));

    public void UnsubscribeVm(Guid vmId) => subscriptions.Remove(Context.ConnectionId, JobGroups.Vm(vmId));

    public void SubscribeJob(Guid jobId) => subscriptions.Add(Context.ConnectionId, JobGroups.Job(jobId));

    public void UnsubscribeJob(Guid jobId) => subscriptions.Remove(Context.ConnectionId, JobGroups.Job(jobId));

    /// <summary>Jobs that are queued, running or waiting for reconciliation.</summary>
    public IReadOnlyList<JobInfo> GetActiveJobs() => jobs.Active;

    /// <summary>A job by id, or null when unknown.</summary>
    [HubMethodName("GetJob")]
    public Task<JobInfo?> GetJobAsync(Guid id) => jobs.FindAsync(id, Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
