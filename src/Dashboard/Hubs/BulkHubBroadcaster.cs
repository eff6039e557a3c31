using CheckpointDashboard.Shared.Bulk;
using Microsoft.AspNetCore.SignalR;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// Forwards every change of <see cref="IBulkService.WatchAsync"/> to the <see cref="JobsHub"/> clients that follow it:
/// Started → <see cref="IJobsClient.BulkStarted"/>, ItemChanged → <see cref="IJobsClient.BulkItemChanged"/>, Finished →
/// <see cref="IJobsClient.BulkFinished"/>, each sent once to the union of the connections following all bulk changes or
/// that bulk change (see <see cref="JobSubscriptions"/>). Ordering and delivery as <see cref="HubForwarder{TEvent}"/>
/// says; clients recover from a missed event with <c>GetBulk</c>.
/// </summary>
public sealed class BulkHubBroadcaster(
    IServiceProvider services,
    IHubContext<JobsHub, IJobsClient> hub,
    JobSubscriptions subscriptions,
    TimeProvider time,
    ILogger<BulkHubBroadcaster> logger) : HubForwarder<BulkEvent>(services, time, logger)
{
    protected override string SourceName => "bulk service";

    protected override Func<CancellationToken, IAsyncEnumerable<BulkEvent>>? Source(IServiceProvider services) =>
        services.GetService<IBulkService>() is { } bulk ? bulk.WatchAsync : null;

    protected override Task SendAsync(BulkEvent change, DateTimeOffset readAt)
    {
        var bulk = change.Bulk;
        var connections = subscriptions.ConnectionsForBulk(bulk.Id);
        if (connections.Count == 0)
        {
            return Task.CompletedTask;
        }

        var clients = hub.Clients.Clients(connections);
        return change switch
        {
            BulkEvent.Started => clients.BulkStarted(bulk),
            BulkEvent.ItemChanged { Item: var item } => clients.BulkItemChanged(bulk, item),
            BulkEvent.Finished => clients.BulkFinished(bulk),
            _ => Task.CompletedTask,
        };
    }

    protected override string Describe(BulkEvent change) => $"{change.GetType().Name} of bulk change {change.Bulk.Id}";
}
