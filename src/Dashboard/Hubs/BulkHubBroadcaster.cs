using System.Threading.Channels;
using CheckpointDashboard.Shared.Bulk;
using Microsoft.AspNetCore.SignalR;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// Forwards every change of <see cref="IBulkService.WatchAsync"/> to the <see cref="JobsHub"/> clients that follow it:
/// Started → <see cref="IJobsClient.BulkStarted"/>, ItemChanged → <see cref="IJobsClient.BulkItemChanged"/>, Finished →
/// <see cref="IJobsClient.BulkFinished"/>, each sent once to the union of the connections following all bulk changes or
/// that bulk change (see <see cref="JobSubscriptions"/>).
/// </summary>
/// <remarks>
/// The same guarantees as <see cref="JobsHubBroadcaster"/>, for the same reasons: one loop reads the bulk service's
/// stream into an unbounded FIFO queue and one loop sends from it, awaiting each send, so every client receives a bulk
/// change's events in the order they were published and a slow client delays later events instead of pushing a
/// Finished out. A failed send is logged and the next event goes out; a failed stream is watched again after
/// <see cref="RetryDelay"/> (events in between are lost, and logged as such; clients recover with <c>GetBulk</c>). On
/// shutdown, what was already read is still sent.
/// </remarks>
public sealed partial class BulkHubBroadcaster(
    IServiceProvider services,
    IHubContext<JobsHub, IJobsClient> hub,
    JobSubscriptions subscriptions,
    TimeProvider time,
    ILogger<BulkHubBroadcaster> logger) : BackgroundService
{
    /// <summary>How long to wait before watching again after the bulk service's stream failed or ended.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the bulk service is registered by its own module, and the app must still start
        // without it. With no bulk service there is nothing to forward.
        if (services.GetService<IBulkService>() is not { } bulk)
        {
            LogNoBulkService(logger);
            return;
        }

        var queue = Channel.CreateUnbounded<BulkEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var sending = SendAllAsync(queue.Reader);
        try
        {
            await WatchAsync(bulk, queue.Writer, stoppingToken);
        }
        finally
        {
            // The sender drains what was already read, so Finished events queued before shutdown still go out.
            queue.Writer.TryComplete();
            await sending;
        }
    }

    private async Task WatchAsync(IBulkService bulk, ChannelWriter<BulkEvent> queue, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in bulk.WatchAsync(stoppingToken))
                {
                    queue.TryWrite(change);
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

    private async Task SendAllAsync(ChannelReader<BulkEvent> queue)
    {
        // Not cancelled by shutdown: it ends when the watch loop completes the queue, after sending what is left.
        await foreach (var change in queue.ReadAllAsync(CancellationToken.None))
        {
            await SendAsync(change);
        }
    }

    private async Task SendAsync(BulkEvent change)
    {
        var bulk = change.Bulk;
        var connections = subscriptions.ConnectionsForBulk(bulk.Id);
        if (connections.Count == 0)
        {
            return;
        }

        try
        {
            var clients = hub.Clients.Clients(connections);
            await (change switch
            {
                BulkEvent.Started => clients.BulkStarted(bulk),
                BulkEvent.ItemChanged { Item: var item } => clients.BulkItemChanged(bulk, item),
                BulkEvent.Finished => clients.BulkFinished(bulk),
                _ => Task.CompletedTask,
            });
        }
        catch (Exception ex)
        {
            LogSendFailed(logger, ex, change.GetType().Name, bulk.Id, connections.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No bulk service is registered; bulk events will not be sent to /hubs/jobs.")]
    private static partial void LogNoBulkService(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bulk service ended its event stream; watching again in {Delay}.")]
    private static partial void LogStreamEnded(ILogger logger, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching the bulk service failed; events until it is watched again (in {Delay}) are not sent.")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Event} of bulk change {BulkId} to {Connections} connection(s) failed; going on with the next event.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string @event, Guid bulkId, int connections);
}
