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

/// <summary>The broadcaster on its own, over a recording hub context: what it sends, to whom, and that it keeps going.</summary>
public sealed class JobsHubBroadcasterTests : IAsyncDisposable
{
    private readonly FakeJobService _jobs = new();
    private readonly JobSubscriptions _subscriptions = new();
    private readonly RecordingHubContext _hub = new();
    private readonly SignalingTimeProvider _time = new();
    private readonly ServiceProvider _services;
    private readonly JobsHubBroadcaster _broadcaster;
    private readonly Guid _vm = Guid.NewGuid();

    public JobsHubBroadcasterTests()
    {
        _services = new ServiceCollection().AddSingleton<IJobService>(_jobs).BuildServiceProvider();
        _broadcaster = new JobsHubBroadcaster(_services, _hub, _subscriptions, _time, NullLogger<JobsHubBroadcaster>.Instance);
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
        _subscriptions.Add("all", JobGroups.All);
        _subscriptions.Add("vm", JobGroups.Vm(_vm));
        _subscriptions.Add("vm", JobGroups.All);
        _subscriptions.Add("other", JobGroups.Vm(Guid.NewGuid()));
        var job = FakeJobService.Job(_vm);
        await StartAsync();

        _jobs.Publish(new JobEvent.Created(job));
        _jobs.Publish(new JobEvent.Progressed(job with { State = JobState.Running, Percent = 60, Phase = "Saving the VM" }));
        _jobs.Publish(new JobEvent.Finished(job with { State = JobState.Completed, Percent = 100 }));

        var sends = await _hub.NextAsync(3);
        Assert.All(sends, s => Assert.Equal(["all", "vm"], s.Connections.Order()));
        Assert.Equal("JobCreated", sends[0].Method);
        Assert.Equal(job, sends[0].Payload);
        Assert.Equal("JobProgress", sends[1].Method);
        Assert.Equal(new JobProgress(job.Id, _vm, JobState.Running, 60, "Saving the VM", _time.GetUtcNow()), sends[1].Payload);
        Assert.Equal("JobFinished", sends[2].Method);
        Assert.Equal(JobState.Completed, Assert.IsType<JobInfo>(sends[2].Payload).State);
    }

    [Fact]
    public async Task Events_NobodyFollows_AreNotSent()
    {
        _subscriptions.Add("one", JobGroups.Vm(_vm));
        await StartAsync();

        _jobs.Publish(new JobEvent.Created(FakeJobService.Job(Guid.NewGuid())));
        var followed = FakeJobService.Job(_vm);
        _jobs.Publish(new JobEvent.Created(followed));

        var send = Assert.Single(await _hub.NextAsync(1));
        Assert.Equal(followed, send.Payload);
        Assert.False(_hub.HasMore);
    }

    [Fact]
    public async Task SendFailure_IsSkippedAndTheNextEventsStillGoOut()
    {
        _subscriptions.Add("c1", JobGroups.All);
        var job = FakeJobService.Job(_vm);
        _hub.FailNext = new InvalidOperationException("The connection broke.");
        await StartAsync();

        _jobs.Publish(new JobEvent.Created(job));
        _jobs.Publish(new JobEvent.Finished(job with { State = JobState.Failed }));

        var send = Assert.Single(await _hub.NextAsync(1));
        Assert.Equal("JobFinished", send.Method);
    }

    [Fact]
    public async Task SlowClient_DelaysButLosesNothing_FinishedArrivesLastInOrder()
    {
        _subscriptions.Add("slow", JobGroups.All);
        var job = FakeJobService.Job(_vm);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hub.Gate = gate.Task;
        await StartAsync();

        _jobs.Publish(new JobEvent.Created(job));
        for (var percent = 1; percent <= 200; percent++)
        {
            _jobs.Publish(new JobEvent.Progressed(job with { State = JobState.Running, Percent = percent / 2 }));
        }

        _jobs.Publish(new JobEvent.Finished(job with { State = JobState.Completed }));
        gate.SetResult();

        var sends = await _hub.NextAsync(202);
        Assert.Equal("JobCreated", sends[0].Method);
        Assert.Equal(200, sends.Count(s => s.Method == "JobProgress"));
        Assert.Equal("JobFinished", sends[^1].Method);
    }

    [Fact]
    public async Task WatchFailure_WatchesAgainAfterAPause()
    {
        _subscriptions.Add("c1", JobGroups.All);
        _jobs.WatchFailure = new InvalidOperationException("The job service's stream broke.");
        var job = FakeJobService.Job(_vm);

        await _broadcaster.StartAsync(Token);
        await _time.TimerCreated.WaitAsync(TestTimeouts.Short, Token);
        Assert.Equal(0, _jobs.WatcherCount);
        _time.Advance(JobsHubBroadcaster.RetryDelay);
        await _jobs.Watching.WaitAsync(TestTimeouts.Short, Token);
        _jobs.Publish(new JobEvent.Created(job));

        Assert.Equal(job, Assert.Single(await _hub.NextAsync(1)).Payload);
    }

    [Fact]
    public async Task NoJobService_EndsQuietly()
    {
        await using var empty = new ServiceCollection().BuildServiceProvider();
        using var broadcaster = new JobsHubBroadcaster(empty, _hub, _subscriptions, _time, NullLogger<JobsHubBroadcaster>.Instance);

        await broadcaster.StartAsync(Token);

        await broadcaster.ExecuteTask!.WaitAsync(TestTimeouts.Short, Token);
        Assert.True(broadcaster.ExecuteTask.IsCompletedSuccessfully);
    }

    private async Task StartAsync()
    {
        await _broadcaster.StartAsync(Token);
        await _jobs.Watching.WaitAsync(TestTimeouts.Short, Token);
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

    /// <summary>Records each send as (method, payload, connections); can fail the next send or hold every send until a gate opens.</summary>
    private sealed class RecordingHubContext : IHubContext<JobsHub, IJobsClient>, IHubClients<IJobsClient>
    {
        private readonly Channel<(string Method, object Payload, IReadOnlyList<string> Connections)> _sends =
            Channel.CreateUnbounded<(string, object, IReadOnlyList<string>)>();

        public Exception? FailNext { get; set; }

        public Task Gate { get; set; } = Task.CompletedTask;

        public bool HasMore => _sends.Reader.TryPeek(out _);

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
            public Task JobCreated(JobInfo job) => owner.RecordAsync(nameof(JobCreated), job, connections);

            public Task JobProgress(JobProgress progress) => owner.RecordAsync(nameof(JobProgress), progress, connections);

            public Task JobFinished(JobInfo job) => owner.RecordAsync(nameof(JobFinished), job, connections);

            public Task BulkStarted(BulkJobInfo bulk) => owner.RecordAsync(nameof(BulkStarted), bulk, connections);

            public Task BulkItemChanged(BulkJobInfo bulk, BulkItem item) => owner.RecordAsync(nameof(BulkItemChanged), (bulk, item), connections);

            public Task BulkFinished(BulkJobInfo bulk) => owner.RecordAsync(nameof(BulkFinished), bulk, connections);
        }
    }
}
