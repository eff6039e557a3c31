using System.Net;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hubs;

/// <summary>
/// The real app on a loopback port, with the real job service acting on the simulated fleet over WS-Management: a
/// .NET SignalR client subscribed to a VM follows a checkpoint deletion's merge, progress by progress, to its end.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class JobsHubLiveMergeTests
{
    [Fact]
    public async Task DeleteCheckpoint_SignalRClientReceivesTheMergeProgressUntilCompletion()
    {
        await using var factory = new DashboardFactory(new() { ["Simulator:Speed"] = "15", ["Jobs:PollInterval"] = "00:00:00.100" });
        factory.UseKestrel(0);
        factory.StartServer();
        var snapshot = await factory.WaitForFirstReadAsync();

        // A user checkpoint that holds a lot of data, so the merge takes a few seconds even sped up.
        var (vm, checkpoint) = snapshot.Vms
            .Where(v => v.StaleSince is null && v.Replication == ReplicationMode.None)
            .SelectMany(v => v.Checkpoints.Where(c => c.IsUserCheckpoint && c.HeldBytes > 4L * 1024 * 1024 * 1024).Select(c => (v, c)))
            .OrderByDescending(p => p.c.HeldBytes)
            .First();
        var baseAddress = factory.ClientOptions.BaseAddress;

        var events = Channel.CreateUnbounded<(string Kind, JobState State, int Percent, Guid JobId)>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/jobs"))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        hub.On<JobInfo>("JobCreated", j => events.Writer.TryWrite(("created", j.State, j.Percent, j.Id)));
        hub.On<JobProgress>("JobProgress", p => events.Writer.TryWrite(("progress", p.State, p.Percent, p.JobId)));
        hub.On<JobInfo>("JobFinished", j => events.Writer.TryWrite(("finished", j.State, j.Percent, j.Id)));
        await hub.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        await hub.InvokeAsync("SubscribeVm", vm.Id, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);

        using var client = factory.CreateClient();
        var response = await client.DeleteAsync(new Uri($"/api/v1/checkpoints/{checkpoint.Id}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JobInfo>(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } },
            TestContext.Current.CancellationToken);

        var seen = new List<(string Kind, JobState State, int Percent, Guid JobId)>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        await foreach (var item in events.Reader.ReadAllAsync(timeout.Token))
        {
            Assert.Equal(job!.Id, item.JobId);
            seen.Add(item);
            if (item.Kind == "finished")
            {
                break;
            }
        }

        Assert.Equal("created", seen[0].Kind);
        Assert.Equal(("finished", JobState.Completed, 100), (seen[^1].Kind, seen[^1].State, seen[^1].Percent));
        var running = seen.Where(e => e.Kind == "progress" && e.State == JobState.Running).Select(e => e.Percent).ToList();
        Assert.Contains(running, p => p is > 0 and < 100);
        Assert.Equal(running.Order(), running);

        var inventory = factory.Services.GetRequiredService<IFleetInventory>();
        await inventory.RefreshAsync(vm.Host, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        Assert.Null(inventory.Current.FindCheckpoint(checkpoint.Id));
    }
}
