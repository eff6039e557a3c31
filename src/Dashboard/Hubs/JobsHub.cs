using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.SignalR;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// Live jobs and bulk changes at <c>/hubs/jobs</c>. A client subscribes to all jobs, to one VM's or to one job, and to all
/// bulk changes or to one, and then receives <see cref="IJobsClient"/> calls for them (each event once, however many of
/// its subscriptions match). To miss nothing, subscribe first and then read the current state with
/// <see cref="GetActiveJobs"/>, <see cref="GetJobAsync"/> or <see cref="GetBulkAsync"/>; after a reconnect, subscribe
/// again (subscriptions belong to a connection).
/// </summary>
/// <remarks>
/// One hub for both: a page that shows a bulk change also shows the jobs it runs, and one connection (one socket, one
/// reconnect to handle) serves it.
/// </remarks>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = CheckpointDashboard.Dashboard.Security.RightPolicies.View)]
public sealed class JobsHub(IJobService jobs, JobSubscriptions subscriptions, IServiceProvider services) : Hub<IJobsClient>
{
    public void SubscribeAll() => subscriptions.Add(Context.ConnectionId, JobGroups.All);

    public void UnsubscribeAll() => subscriptions.Remove(Context.ConnectionId, JobGroups.All);

    public void SubscribeVm(Guid vmId) => subscriptions.Add(Context.ConnectionId, JobGroups.Vm(vmId));

    public void UnsubscribeVm(Guid vmId) => subscriptions.Remove(Context.ConnectionId, JobGroups.Vm(vmId));

    public void SubscribeJob(Guid jobId) => subscriptions.Add(Context.ConnectionId, JobGroups.Job(jobId));

    public void UnsubscribeJob(Guid jobId) => subscriptions.Remove(Context.ConnectionId, JobGroups.Job(jobId));

    public void SubscribeBulk(Guid bulkId) => subscriptions.Add(Context.ConnectionId, JobGroups.Bulk(bulkId));

    public void UnsubscribeBulk(Guid bulkId) => subscriptions.Remove(Context.ConnectionId, JobGroups.Bulk(bulkId));

    public void SubscribeAllBulk() => subscriptions.Add(Context.ConnectionId, JobGroups.AllBulk);

    public void UnsubscribeAllBulk() => subscriptions.Remove(Context.ConnectionId, JobGroups.AllBulk);

    /// <summary>Jobs that are queued, running or waiting for reconciliation.</summary>
    public IReadOnlyList<JobInfo> GetActiveJobs() => jobs.Active;

    /// <summary>A job by id, or null when unknown.</summary>
    [HubMethodName("GetJob")]
    public Task<JobInfo?> GetJobAsync(Guid id) => jobs.FindAsync(id, Context.ConnectionAborted);

    /// <summary>A bulk change's summary by id, or null when unknown.</summary>
    /// <exception cref="HubException">No bulk service is registered.</exception>
    [HubMethodName("GetBulk")]
    public Task<BulkJobInfo?> GetBulkAsync(Guid id)
    {
        // Resolved per call, not injected: the bulk service is registered by its own module, and the job half of this
        // hub must keep working without it (a missing constructor dependency would fail every hub call).
        var bulk = services.GetService<IBulkService>() ?? throw new HubException("Bulk changes are not available on this server.");
        return bulk.FindAsync(id, Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
