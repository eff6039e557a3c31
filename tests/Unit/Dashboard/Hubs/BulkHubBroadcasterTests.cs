using System.Threading.Channels;
using CheckpointDashboard.Dashboard.Hubs;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hubs;

/// <summary>The bulk broadcaster on its own, over a recording hub context: what it sends, to whom, and that it keeps going.</summary>
public sealed class BulkHubBroadcasterTests : IAsyncDisposable
{
    private readonly FakeBulkService _bulk = new();
    private readonly JobSubscriptions _subscriptions = new();
    private readonly RecordingHubContext _hub = new();
    private readonly SignalingTimeProvider _time = new();
    private readonly ServiceProvider _services;
    private readonly BulkHubBroadcaster _broadcaster;

    public BulkHubBroadcasterTests()
    {
        _services = new ServiceCollection().AddSingleton<IBulkService>(_bulk).BuildServiceProvider();
        _broadcaster = new BulkHubBroadcaster(_services, _hub, _subscriptions, _time, NullLogger<BulkHubBroadcaster>.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _broadcaster.StopAsync(Token);
        _broadcaster.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Events_AreSentAsTheirClientCallsOnceToEveryMatchingConnection()
    {
        var bulk = FakeBulkService.Bulk();
        _subscriptions.Add("all", JobGroups.AllBulk);
        _subscriptions.Add("one", JobGroups.Bulk(bulk.Id));
        _subscriptions.Add("one", JobGroups.AllBulk);
        _subscriptions.Add("other", JobGroups.Bulk(Guid.NewGuid()));
        _subscriptions.Add("jobs", JobGroups.All);
        _subscriptions.Add("job", JobGroups.Job(bulk.Id));
        var item = FakeBulkService.Item(bulk.Id, BulkItemStatus.Running);
        await StartAsync();

        _bulk.Publish(new BulkEvent.Started(bulk));
        _bulk.Publish(new BulkEvent.ItemChanged(bulk with { Running = 1, Pending = 2 }, item));
        _bulk.Publish(new BulkEvent.Finished(bulk with { State = BulkState.Completed }));

        var sends = await _hub.NextAsync(3);
        Assert.All(sends, s => Assert.Equal(["all", "one"], s.Connections.Order()));
        Assert.Equal("BulkStarted", sends[0].Method);
        Assert.Equal(bulk, sends[0].Payload);
        Assert.Equal("BulkItemChanged", sends[1].Method);
        Assert.Equal((bulk with { Running = 1, Pending = 2 }, item), sends[1].Payload);
        Assert.Equal("BulkFinished", sends[2].Method);
        Assert.Equal(BulkState.Completed, Assert.IsType<BulkJobInfo>(sends[2].Payload).State);
    }

    [Fact]
    public async Task Events_NobodyFollows_AreNotSent()
    {
        var followed = FakeBulkService.Bulk();
        _subscriptions.Add("one", JobGroups.Bulk(followed.Id));
        await StartAsync();

        _bulk.Publish(new BulkEvent.Started(FakeBulkService.Bulk()));
        _bulk.Publish(new BulkEvent.Started(followed));

        Assert.Equal(followed, Assert.Single(await _hub.NextAsync(1)).Payload);
        Assert.False(_hub.HasMore);
    }

    [Fact]
    public async Task SendFailure_IsSkippedAndTheNextEventsStillGoOut()
    {
        _subscriptions.Add("c1", JobGroups.AllBulk);
        var bulk = FakeBulkService.Bulk();
        _hub.FailNext = new InvalidOperationException("The connection broke.");
        await StartAsync();

        _bulk.Publish(new BulkEvent.Started(bulk));
        _bulk.Publish(new BulkEvent.Finished(bulk with { State = BulkState.CompletedWithFailures }));

        Assert.Equal("BulkFinished", Assert.Single(await _hub.NextAsync(1)).Method);
    }

    [Fact]
    public async Task SlowClient_DelaysButLosesNothing_FinishedArrivesLastInOrder()
    {
        _subscriptions.Add("slow", JobGroups.AllBulk);
        var bulk = FakeBulkService.Bulk(total: 300);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hub.Gate = gate.Task;
        await StartAsync();

        _bulk.Publish(new BulkEvent.Started(bulk));
        for (var done = 1; done <= 300; done++)
        {
            _bulk.Publish(new BulkEvent.ItemChanged(bulk with { Pending = 300 - done, Succeeded = done }, FakeBulkService.Item(bulk.Id, BulkItemStatus.Succeeded)));
        }

        _bulk.Publish(new BulkEvent.Finished(bulk with { State = BulkState.Completed, Pending = 0, Succeeded = 300 }));
        gate.SetResult();

        var sends = await _hub.NextAsync(302);
        Assert.Equal("BulkStarted", sends[0].Method);
        Assert.Equal(Enumerable.Range(1, 300), sends[1..^1].Select(s => (((BulkJobInfo, BulkItem))s.Payload).Item1.Succeeded));
        Assert.Equal("BulkFinished", sends[^1].Method);
    }

    [Fact]
    public async Task WatchFailure_WatchesAgainAfterAPause()
    {
        _subscriptions.Add("c1", JobGroups.AllBulk);
        _bulk.WatchFailure = new InvalidOperationException("The bulk service's stream broke.");
        var bulk = FakeBulkService.Bulk();

        await _broadcaster.StartAsync(Token);
        await _time.TimerCreated.WaitAsync(TestTimeouts.Short, Token);
        Assert.Equal(0, _bulk.WatcherCount);
        _time.Advance(BulkHubBroadcaster.RetryDelay);
        await _bulk.Watching.WaitAsync(TestTimeouts.Short, Token);
        _bulk.Publish(new BulkEvent.Started(bulk));

        Assert.Equal(bulk, Assert.Single(await _hub.NextAsync(1)).Payload);
    }

    [Fact]
    public async Task Stop_SendsWhatWasAlreadyReadBeforeItEnds()
    {
        _subscriptions.Add("c1", JobGroups.AllBulk);
        var bulk = FakeBulkService.Bulk();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hub.Gate = gate.Task;
        await StartAsync();
        _bulk.Publish(new BulkEvent.Started(bulk));
        _bulk.Publish(new BulkEvent.Finished(bulk with { State = BulkState.Completed }));
        await _bulk.Consumed(2).WaitAsync(TestTimeouts.Short, Token);

        var stopping = _broadcaster.StopAsync(Token);
        gate.SetResult();
        await stopping.WaitAsync(TestTimeouts.Short, Token);

        Assert.Equal(2, _hub.SentCount);
        Assert.Equal(["BulkStarted", "BulkFinished"], (await _hub.NextAsync(2)).Select(s => s.Method));
    }

    [Fact]
    public async Task NoBulkService_EndsQuietly()
    {
        await using var empty = new ServiceCollection().AddSingleton<IJobService>(new FakeJobService()).BuildServiceProvider();
        using var broadcaster = new BulkHubBroadcaster(empty, _hub, _subscriptions, _time, NullLogger<BulkHubBroadcaster>.Instance);

        await broadcaster.StartAsync(Token);

        await broadcaster.ExecuteTask!.WaitAsync(TestTimeouts.Short, Token);
        Assert.True(broadcaster.ExecuteTask.IsCompletedSuccessfully);
    }

    private async Task StartAsync()
    {
        await _broadcaster.StartAsync(Token);
        await _bulk.Watching.WaitAsync(TestTimeouts.Short, Token);
    }

    /// <summary>A fake clock that says when a timer (the retry pause) has been created, so a test advances it only then.</summary>
    private sealed class SignalingTimeProvider : FakeTimeProvider
    {
        private readonly TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerCreated => _timerCreated.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _timerCreated.TrySetResult();
            return timer;
        }
    }

    /// <summary>
    /// Records each bulk send as (method, payload, connections); can fail the next send or hold every send until a gate
    /// opens. A job call here would be a bulk event sent as the wrong kind, so those throw.
    /// </summary>
    private sealed class RecordingHubContext : IHubContext<JobsHub, IJobsClient>, IHubClients<IJobsClient>
    {
        private readonly Channel<(string Method, object Payload, IReadOnlyList<string> Connections)> _sends =
            Channel.CreateUnbounded<(string, object, IReadOnlyList<string>)>();

        public Exception? FailNext { get; set; }

        public Task Gate { get; set; } = Task.CompletedTask;

        public bool HasMore => _sends.Reader.TryPeek(out _);

        /// <summary>How many sends went out and are not read yet, without waiting.</summary>
        public int SentCount => _sends.Reader.Count;

        IHubClients<IJobsClient> IHubContext<JobsHub, IJobsClient>.Clients => this;

        IGroupManager IHubContext<JobsHub, IJobsClient>.Groups => throw new NotSupportedException("The broadcaster keeps its own subscriptions.");

        public IJobsClient All => throw Unexpected();

        public IJobsClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw Unexpected();

        public IJobsClient Client(string connectionId) => throw Unexpected();

        public IJobsClient Clients(IReadOnlyList<string> connectionIds) => new Proxy(this, connectionIds);

        public IJobsClient Group(string groupName) => throw Unexpected();

        public IJobsClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw Unexpected();

        public IJobsClient Groups(IReadOnlyList<string> groupNames) => throw Unexpected();

        public IJobsClient User(string userId) => throw Unexpected();

        public IJobsClient Users(IReadOnlyList<string> userIds) => throw Unexpected();

        public async Task<List<(string Method, object Payload, IReadOnlyList<string> Connections)>> NextAsync(int count)
        {
            var result = new List<(string, object, IReadOnlyList<string>)>();
            while (result.Count < count)
            {
                result.Add(await _sends.Reader.ReadAsync(Token).AsTask().WaitAsync(TestTimeouts.Short, Token));
            }

            return result;
        }

        private static NotSupportedException Unexpected() => new("The broadcaster sends to connection lists only.");

        private async Task RecordAsync(string method, object payload, IReadOnlyList<string> connections)
        {
            await Gate;
            if (FailNext is { } failure)
            {
                FailNext = null;
                throw failure;
            }

            _sends.Writer.TryWrite((method, payload, connections));
        }

        private sealed class Proxy(RecordingHubContext owner, IReadOnlyList<string> connections) : IJobsClient
        {
            public Task JobCreated(JobInfo job) => throw Unexpected();

            public Task JobProgress(JobProgress progress) => throw Unexpected();

            public Task JobFinished(JobInfo job) => throw Unexpected();

            public Task BulkStarted(BulkJobInfo bulk) => owner.RecordAsync(nameof(BulkStarted), bulk, connections);

            public Task BulkItemChanged(BulkJobInfo bulk, BulkItem item) => owner.RecordAsync(nameof(BulkItemChanged), (bulk, item), connections);

            public Task BulkFinished(BulkJobInfo bulk) => owner.RecordAsync(nameof(BulkFinished), bulk, connections);
        }
    }
}
