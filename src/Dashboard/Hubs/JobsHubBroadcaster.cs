using System.Threading.Channels;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.SignalR;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// Forwards every change of <see cref="IJobService.WatchAsync"/> to the <see cref="JobsHub"/> clients that follow it:
/// Created → <see cref="IJobsClient.JobCreated"/>, Progressed → <see cref="IJobsClient.JobProgress"/>, Finished →
/// <see cref="IJobsClient.JobFinished"/>, each sent once to the union of the connections following all jobs, the job's
/// VM or the job (see <see cref="JobSubscriptions"/>).
/// </summary>
/// <remarks>
/// <para>
/// Ordering: one loop reads the job service's stream into a FIFO queue and one loop sends from it, awaiting each send
/// before the next. SignalR writes to a connection in the order it is asked to, so every client receives events in the
/// order the job service published them: a job's Created before its progress, its progress before its Finished.
/// </para>
/// <para>
/// Nothing is dropped here: the queue is unbounded, so a slow client (whose socket pushes back until SignalR's timeout
/// drops it) delays later events instead of pushing Finished events out, and the job service's stream is always read at
/// once, so it never has to hold events for us. A send that fails is logged and skipped and the next event goes out;
/// only the clients of that one send may miss it. If the stream itself fails, the loop subscribes again after a pause:
/// events published in between are not seen by anyone, and the error is logged. Clients recover from either by asking
/// the hub for <c>GetJob</c> or <c>GetActiveJobs</c>.
/// </para>
/// </remarks>
public sealed partial class JobsHubBroadcaster(
    IServiceProvider services,
    IHubContext<JobsHub, IJobsClient> hub,
    JobSubscriptions subscriptions,
    TimeProvider time,
    ILogger<JobsHubBroadcaster> logger) : BackgroundService
{
    /// <summary>How long to wait before watching again after the job service's stream failed or ended.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the job service is registered by its own module, and the app (the inventory
        // pages, the API's read side) must still start without it. With no job service there is nothing to forward.
        if (services.GetService<IJobService>() is not { } jobs)
        {
            LogNoJobService(logger);
            return;
        }

        var queue = Channel.CreateUnbounded<(JobEvent Event, DateTimeOffset At)>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var sending = SendAllAsync(queue.Reader);
        try
        {
            await WatchAsync(jobs, queue.Writer, stoppingToken);
        }
        finally
        {
            // The sender drains what was already read, so Finished events queued before shutdown still go out.
            queue.Writer.TryComplete();
            await sending;
        }
    }

    private async Task WatchAsync(IJobService jobs, ChannelWriter<(JobEvent, DateTimeOffset)> queue, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in jobs.WatchAsync(stoppingToken))
                {
                    queue.TryWrite((change, time.GetUtcNow()));
                }

                if (!stoppingToken.IsCancellationRequested)
                {
                    LogStreamEnded(logger, RetryDelay);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogStreamFailed(logger, ex, RetryDelay);
            }

            try
            {
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAllAsync(ChannelReader<(JobEvent Event, DateTimeOffset At)> queue)
    {
        // Not cancelled by shutdown: it ends when the watch loop completes the queue, after sending what is left.
        await foreach (var (change, at) in queue.ReadAllAsync(CancellationToken.None))
        {
            await SendAsync(change, at);
        }
    }

    private async Task SendAsync(JobEvent change, DateTimeOffset at)
    {
        var job = change.Job;
        var connections = subscriptions.ConnectionsFor(job);
        if (connections.Count == 0)
        {
            return;
        }

        try
        {
            var clients = hub.Clients.Clients(connections);
            await (change switch
            {
                JobEvent.Created => clients.JobCreated(job),
                JobEvent.Progressed => clients.JobProgress(new JobProgress(job.Id, job.VmId, job.State, job.Percent, job.Phase, at)),
                JobEvent.Finished => clients.JobFinished(job),
                _ => Task.CompletedTask,
            });
        }
        catch (Exception ex)
        {
            LogSendFailed(logger, ex, change.GetType().Name, job.Id, connections.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No job service is registered; job events will not be sent to /hubs/jobs.")]
    private static partial void LogNoJobService(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job service ended its event stream; watching again in {Delay}.")]
    private static partial void LogStreamEnded(ILogger logger, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching the job service failed; events until it is watched again (in {Delay}) are not sent.")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Event} of job {JobId} to {Connections} connection(s) failed; going on with the next event.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string @event, Guid jobId, int connections);
}
