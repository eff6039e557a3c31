using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hubs;

/// <summary>
/// Bulk changes on /hubs/jobs of the real app on a loopback port, with real SignalR clients and events published through
/// the fake bulk service. Absence is proven without waiting, as in <see cref="JobsHubTests"/>: events travel in order, so
/// once a later expected event has arrived, an earlier unwanted one would already have been seen.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class BulkHubTests : IClassFixture<BulkAppFixture>, IAsyncDisposable
{
    private readonly BulkAppFixture _app;
    private readonly List<HubConnection> _connections = [];

    public BulkHubTests(BulkAppFixture app)
    {
        _app = app;
        _app.Reset();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task SubscribeBulk_ReceivesThatBulksEventsInOrderAndNothingOfAnother()
    {
        var client = await ConnectAsync();
        var mine = FakeBulkService.Bulk(total: 2);
        var other = FakeBulkService.Bulk(total: 2);
        await InvokeAsync(client, "SubscribeBulk", mine.Id);
        var item = FakeBulkService.Item(mine.Id, BulkItemStatus.Succeeded, "PRD-APP01");

        await PublishAsync(
            new BulkEvent.Started(other),
            new BulkEvent.Started(mine),
            new BulkEvent.ItemChanged(other with { Pending = 1, Failed = 1 }, FakeBulkService.Item(other.Id, BulkItemStatus.Failed)),
            new BulkEvent.ItemChanged(mine with { Pending = 1, Succeeded = 1 }, item),
            new BulkEvent.Finished(other with { State = BulkState.CompletedWithFailures }),
            new BulkEvent.Finished(mine with { State = BulkState.Cancelled, Pending = 0, Succeeded = 1, Cancelled = 1 }));

        Assert.Equal(
        [
            $"started {mine.Id} Running",
            $"item {mine.Id} 50% {item.VmId} PRD-APP01 Succeeded",
            $"finished {mine.Id} Cancelled 100%",
        ], await client.NextAsync(3));
        Assert.False(client.HasMore);
    }

    [Fact]
    public async Task SubscribeAllBulk_ReceivesEveryBulkChange()
    {
        var client = await ConnectAsync();
        await InvokeAsync(client, "SubscribeAllBulk");
        var a = FakeBulkService.Bulk();
        var b = FakeBulkService.Bulk();

        await PublishAsync(new BulkEvent.Started(a), new BulkEvent.Started(b), new BulkEvent.Finished(b with { State = BulkState.Completed, Pending = 0, Succeeded = 3 }));

        Assert.Equal([$"started {a.Id} Running", $"started {b.Id} Running", $"finished {b.Id} Completed 100%"], await client.NextAsync(3));
    }

    [Fact]
    public async Task SubscribedTwice_ReceivesEachEventOnce()
    {
        var client = await ConnectAsync();
        var bulk = FakeBulkService.Bulk();
        var later = FakeBulkService.Bulk();
        await InvokeAsync(client, "SubscribeAllBulk");
        await InvokeAsync(client, "SubscribeBulk", bulk.Id);
        await InvokeAsync(client, "SubscribeBulk", bulk.Id);

        await PublishAsync(new BulkEvent.Started(bulk), new BulkEvent.Finished(bulk with { State = BulkState.Completed, Pending = 0, Succeeded = 3 }),
            new BulkEvent.Started(later));

        Assert.Equal([$"started {bulk.Id} Running", $"finished {bulk.Id} Completed 100%", $"started {later.Id} Running"], await client.NextAsync(3));
        Assert.False(client.HasMore);
    }

    [Fact]
    public async Task TwoClients_FollowingDifferentBulks_EachReceiveOnlyTheirs()
    {
        var followsA = await ConnectAsync();
        var followsB = await ConnectAsync();
        var a = FakeBulkService.Bulk();
        var b = FakeBulkService.Bulk();
        await InvokeAsync(followsA, "SubscribeBulk", a.Id);
        await InvokeAsync(followsB, "SubscribeBulk", b.Id);

        await PublishAsync(new BulkEvent.Started(a), new BulkEvent.Started(b), new BulkEvent.Finished(a with { State = BulkState.Completed, Pending = 0, Succeeded = 3 }),
            new BulkEvent.Finished(b with { State = BulkState.Cancelled, Pending = 0, Cancelled = 3 }));

        Assert.Equal([$"started {a.Id} Running", $"finished {a.Id} Completed 100%"], await followsA.NextAsync(2));
        Assert.Equal([$"started {b.Id} Running", $"finished {b.Id} Cancelled 100%"], await followsB.NextAsync(2));
        Assert.False(followsA.HasMore);
        Assert.False(followsB.HasMore);
    }

    [Fact]
    public async Task Unsubscribe_StopsThoseEventsButKeepsTheOthers()
    {
        var client = await ConnectAsync();
        var a = FakeBulkService.Bulk();
        var b = FakeBulkService.Bulk();
        await InvokeAsync(client, "SubscribeAllBulk");
        await InvokeAsync(client, "SubscribeBulk", a.Id);
        await InvokeAsync(client, "UnsubscribeAllBulk");
        await InvokeAsync(client, "SubscribeBulk", b.Id);
        await InvokeAsync(client, "UnsubscribeBulk", b.Id);

        await PublishAsync(new BulkEvent.Started(b), new BulkEvent.Started(a));

        Assert.Equal([$"started {a.Id} Running"], await client.NextAsync(1));
        Assert.False(client.HasMore);
    }

    [Fact]
    public async Task JobSubscriptions_DoNotReceiveBulkEvents()
    {
        var client = await ConnectAsync();
        var followed = FakeBulkService.Bulk();
        var other = FakeBulkService.Bulk();
        await InvokeAsync(client, "SubscribeAll");
        await InvokeAsync(client, "SubscribeJob", other.Id);
        await InvokeAsync(client, "SubscribeBulk", followed.Id);

        await PublishAsync(new BulkEvent.Started(other), new BulkEvent.Started(followed));

        Assert.Equal([$"started {followed.Id} Running"], await client.NextAsync(1));
        Assert.False(client.HasMore);
    }

    [Fact]
    public async Task Events_AreCamelCaseJsonWithEnumsAsStrings()
    {
        var raw = Channel.CreateUnbounded<(JsonElement Bulk, JsonElement Item)>();
        var connection = Build();
        connection.On<JsonElement, JsonElement>("BulkItemChanged", (bulk, item) => raw.Writer.TryWrite((bulk, item)));
        await connection.StartAsync(Token).WaitAsync(TestTimeouts.Short, Token);
        var bulk = FakeBulkService.Bulk(total: 4);
        await connection.InvokeAsync("SubscribeBulk", bulk.Id, Token).WaitAsync(TestTimeouts.Short, Token);
        var item = FakeBulkService.Item(bulk.Id, BulkItemStatus.OutcomeUnknown, "PRD-SQL01", "The host went silent.");

        await PublishAsync(new BulkEvent.ItemChanged(bulk with { Pending = 3, Unknown = 1 }, item));

        var (summary, changed) = await raw.Reader.ReadAsync(Token).AsTask().WaitAsync(TestTimeouts.Short, Token);
        Assert.Equal(bulk.Id, summary.GetProperty("id").GetGuid());
        Assert.Equal("Running", summary.GetProperty("state").GetString());
        Assert.Equal("Production", summary.GetProperty("target").GetProperty("checkpointType").GetString());
        Assert.Equal(25, summary.GetProperty("percent").GetInt32());
        Assert.Equal(item.VmId, changed.GetProperty("vmId").GetGuid());
        Assert.Equal("OutcomeUnknown", changed.GetProperty("status").GetString());
        Assert.Equal("Standard", changed.GetProperty("beforeType").GetString());
        Assert.Equal("The host went silent.", changed.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetBulk_AnswersFromTheBulkService()
    {
        var bulk = FakeBulkService.Bulk(state: BulkState.CompletedWithFailures) with { Failed = 2, Succeeded = 1, Pending = 0 };
        _app.Bulk.Bulks.Add(bulk);
        var client = await ConnectAsync();

        var found = await client.Connection.InvokeAsync<BulkJobInfo?>("GetBulk", bulk.Id, Token).WaitAsync(TestTimeouts.Short, Token);
        var unknown = await client.Connection.InvokeAsync<BulkJobInfo?>("GetBulk", Guid.NewGuid(), Token).WaitAsync(TestTimeouts.Short, Token);

        Assert.Equal(bulk.Id, found?.Id);
        Assert.Equal(BulkState.CompletedWithFailures, found?.State);
        Assert.Equal(2, found?.Failed);
        Assert.Equal(bulk.Target, found?.Target);
        Assert.Null(unknown);
    }

    private HubConnection Build()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.BaseAddress, "hubs/jobs"))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        _connections.Add(connection);
        return connection;
    }

    private async Task<RecordingClient> ConnectAsync()
    {
        var connection = Build();
        var client = new RecordingClient(connection);
        await connection.StartAsync(Token).WaitAsync(TestTimeouts.Short, Token);
        return client;
    }

    private static Task InvokeAsync(RecordingClient client, string method, params object[] args) =>
        client.Connection.InvokeCoreAsync(method, args, Token).WaitAsync(TestTimeouts.Short, Token);

    /// <summary>Publishes once the app's broadcaster watches the fake service (it starts with the app, asynchronously).</summary>
    private async Task PublishAsync(params BulkEvent[] changes)
    {
        await _app.Bulk.Watching.WaitAsync(TestTimeouts.Short, Token);
        foreach (var change in changes)
        {
            _app.Bulk.Publish(change);
        }
    }

    /// <summary>A client that writes every bulk (and job) call it receives, as one line, into a channel.</summary>
    private sealed class RecordingClient
    {
        private readonly Channel<string> _received = Channel.CreateUnbounded<string>();

        public RecordingClient(HubConnection connection)
        {
            Connection = connection;
            connection.On<BulkJobInfo>("BulkStarted", b => _received.Writer.TryWrite($"started {b.Id} {b.State}"));
            connection.On<BulkJobInfo, BulkItem>("BulkItemChanged", (b, i) =>
                _received.Writer.TryWrite($"item {b.Id} {b.Percent}% {i.VmId} {i.VmName} {i.Status}"));
            connection.On<BulkJobInfo>("BulkFinished", b => _received.Writer.TryWrite($"finished {b.Id} {b.State} {b.Percent}%"));

            // Job events would be a leak between the two kinds; recorded so that a test would see one.
            connection.On<JsonElement>("JobCreated", j => _received.Writer.TryWrite($"job created {j}"));
        }

        public HubConnection Connection { get; }

        /// <summary>Whether anything arrived beyond what was read.</summary>
        public bool HasMore => _received.Reader.TryPeek(out _);

        public async Task<List<string>> NextAsync(int count)
        {
            var result = new List<string>();
            while (result.Count < count)
            {
                result.Add(await _received.Reader.ReadAsync(Token).AsTask().WaitAsync(TestTimeouts.Short, Token));
            }

            return result;
        }
    }
}
