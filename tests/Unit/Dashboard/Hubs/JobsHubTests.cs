using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hubs;

/// <summary>
/// /hubs/jobs of the real app on a loopback port, with real SignalR clients and events published through the fake job
/// service. Absence is proven without waiting: events travel in order, so once a later expected event has arrived, an
/// earlier unwanted one would already have been seen.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class JobsHubTests : IClassFixture<JobsAppFixture>, IAsyncDisposable
{
    private readonly JobsAppFixture _app;
    private readonly List<HubConnection> _connections = [];
    private readonly Guid _vmA = Guid.NewGuid();
    private readonly Guid _vmB = Guid.NewGuid();

    public JobsHubTests(JobsAppFixture app)
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
    public async Task SubscribeVm_ReceivesThatVmsEventsInOrderAndNothingOfAnother()
    {
        var client = await ConnectAsync();
        await InvokeAsync(client, "SubscribeVm", _vmA);
        var a = FakeJobService.Job(_vmA);
        var b = FakeJobService.Job(_vmB);

        await PublishAsync(
            new JobEvent.Created(b),
            new JobEvent.Created(a),
            new JobEvent.Progressed(b with { State = JobState.Running, Percent = 10 }),
            new JobEvent.Progressed(a with { State = JobState.Running, Percent = 50, Phase = "Merging disks" }),
            new JobEvent.Finished(b with { State = JobState.Failed }),
            new JobEvent.Finished(a with { State = JobState.Completed, Percent = 100, Result = "Done." }));

        Assert.Equal(
            [$"created {a.Id} Queued", $"progress {a.Id} {_vmA} Running 50 Merging disks", $"finished {a.Id} Completed"],
            await client.NextAsync(3));
        Assert.False(client.HasMore);
    }

    [Fact]
    public async Task SubscribeAll_ReceivesEveryVmsEvents()
    {
        var client = await ConnectAsync();
        await InvokeAsync(client, "SubscribeAll");
        var a = FakeJobService.Job(_vmA);
        var b = FakeJobService.Job(_vmB);

        await PublishAsync(new JobEvent.Created(a), new JobEvent.Created(b), new JobEvent.Finished(b with { State = JobState.Cancelled }));

        Assert.Equal([$"created {a.Id} Queued", $"created {b.Id} Queued", $"finished {b.Id} Cancelled"], await client.NextAsync(3));
    }

    [Fact]
    public async Task SubscribeJob_ReceivesOnlyThatJob()
    {
        var client = await ConnectAsync();
        var mine = FakeJobService.Job(_vmA);
        var other = FakeJobService.Job(_vmA);
        await InvokeAsync(client, "SubscribeJob", mine.Id);

        await PublishAsync(
            new JobEvent.Created(other),
            new JobEvent.Created(mine),
            new JobEvent.Progressed(other with { State = JobState.Running, Percent = 5 }),
            new JobEvent.Finished(other with { State = JobState.Completed }),
            new JobEvent.Finished(mine with { State = JobState.OutcomeUnknown }));

        Assert.Equal([$"created {mine.Id} Queued", $"finished {mine.Id} OutcomeUnknown"], await client.NextAsync(2));
        Assert.False(client.HasMore);
    }

    [Fact]
    public async Task SeveralMatchingSubscriptions_ReceiveEachEventOnce()
    {
        var client = await ConnectAsync();
        var job = FakeJobService.Job(_vmA);
        var later = FakeJobService.Job(_vmA);
        await InvokeAsync(client, "SubscribeAll");
        await InvokeAsync(client, "SubscribeVm", _vmA);
        await InvokeAsync(client, "SubscribeJob", job.Id);

        await PublishAsync(new JobEvent.Created(job), new JobEvent.Finished(job with { State = JobState.Completed }), new JobEvent.Created(later));

        Assert.Equal([$"created {job.Id} Queued", $"finished {job.Id} Completed", $"created {later.Id} Queued"], await client.NextAsync(3));
        Assert.False(client.HasMore);
    }

    [Fact]
    public async Task Unsubscribe_StopsThoseEventsButKeepsTheOtherSubscriptions()
    {
        var client = await ConnectAsync();
        await InvokeAsync(client, "SubscribeAll");
        await InvokeAsync(client, "SubscribeVm", _vmA);
        await InvokeAsync(client, "UnsubscribeAll");
        var a = FakeJobService.Job(_vmA);
        var b = FakeJobService.Job(_vmB);

        await PublishAsync(new JobEvent.Created(b), new JobEvent.Created(a));

        Assert.Equal([$"created {a.Id} Queued"], await client.NextAsync(1));
        Assert.False(client.HasMore);
    }

    [Fact]
    public async Task TwoClients_EachReceiveWhatTheyFollow()
    {
        var followsA = await ConnectAsync();
        var followsAll = await ConnectAsync();
        await InvokeAsync(followsA, "SubscribeVm", _vmA);
        await InvokeAsync(followsAll, "SubscribeAll");
        var a = FakeJobService.Job(_vmA);
        var b = FakeJobService.Job(_vmB);

        await PublishAsync(new JobEvent.Created(b), new JobEvent.Created(a));

        Assert.Equal([$"created {a.Id} Queued"], await followsA.NextAsync(1));
        Assert.Equal([$"created {b.Id} Queued", $"created {a.Id} Queued"], await followsAll.NextAsync(2));
        Assert.False(followsA.HasMore);
    }

    [Fact]
    public async Task Events_AreCamelCaseJsonWithEnumsAsStrings()
    {
        var raw = Channel.CreateUnbounded<(string Method, JsonElement Payload)>();
        var connection = Build();
        connection.On<JsonElement>("JobCreated", p => raw.Writer.TryWrite(("JobCreated", p)));
        connection.On<JsonElement>("JobProgress", p => raw.Writer.TryWrite(("JobProgress", p)));
        await connection.StartAsync(Token).WaitAsync(TestTimeouts.Short, Token);
        await connection.InvokeAsync("SubscribeVm", _vmA, Token).WaitAsync(TestTimeouts.Short, Token);
        var job = FakeJobService.Job(_vmA, JobKind.DeleteCheckpointSubtree);

        await PublishAsync(new JobEvent.Created(job), new JobEvent.Progressed(job with { State = JobState.Running, Percent = 30 }));

        var (method, created) = await raw.Reader.ReadAsync(Token).AsTask().WaitAsync(TestTimeouts.Short, Token);
        Assert.Equal("JobCreated", method);
        Assert.Equal("DeleteCheckpointSubtree", created.GetProperty("kind").GetString());
        Assert.Equal("Queued", created.GetProperty("state").GetString());
        Assert.Equal(job.Id, created.GetProperty("id").GetGuid());
        var (_, progress) = await raw.Reader.ReadAsync(Token).AsTask().WaitAsync(TestTimeouts.Short, Token);
        Assert.Equal(job.Id, progress.GetProperty("jobId").GetGuid());
        Assert.Equal("Running", progress.GetProperty("state").GetString());
        Assert.Equal(30, progress.GetProperty("percent").GetInt32());
    }

    [Fact]
    public async Task GetActiveJobsAndGetJob_AnswerFromTheJobService()
    {
        var running = FakeJobService.Job(_vmA, state: JobState.Running);
        var done = FakeJobService.Job(_vmB, state: JobState.Completed);
        _app.Jobs.Jobs.AddRange([running, done]);
        var client = await ConnectAsync();

        var active = await client.Connection.InvokeAsync<List<JobInfo>>("GetActiveJobs", Token).WaitAsync(TestTimeouts.Short, Token);
        var found = await client.Connection.InvokeAsync<JobInfo?>("GetJob", done.Id, Token).WaitAsync(TestTimeouts.Short, Token);
        var unknown = await client.Connection.InvokeAsync<JobInfo?>("GetJob", Guid.NewGuid(), Token).WaitAsync(TestTimeouts.Short, Token);

        Assert.Equal([running.Id], active.Select(j => j.Id));
        Assert.Equal(done.Id, found?.Id);
        Assert.Equal(JobState.Completed, found?.State);
        Assert.Equal(done.RequestedAt, found?.RequestedAt);
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
    private async Task PublishAsync(params JobEvent[] changes)
    {
        await _app.Jobs.Watching.WaitAsync(TestTimeouts.Short, Token);
        foreach (var change in changes)
        {
            _app.Jobs.Publish(change);
        }
    }

    /// <summary>A client that writes every hub call it receives, as one line, into a channel.</summary>
    private sealed class RecordingClient
    {
        private readonly Channel<string> _received = Channel.CreateUnbounded<string>();

        public RecordingClient(HubConnection connection)
        {
            Connection = connection;
            connection.On<JobInfo>("JobCreated", j => _received.Writer.TryWrite($"created {j.Id} {j.State}"));
            connection.On<JobProgress>("JobProgress", p => _received.Writer.TryWrite($"progress {p.JobId} {p.VmId} {p.State} {p.Percent} {p.Phase}"));
            connection.On<JobInfo>("JobFinished", j => _received.Writer.TryWrite($"finished {j.Id} {j.State}"));
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
