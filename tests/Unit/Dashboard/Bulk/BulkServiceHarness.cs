using CheckpointDashboard.Dashboard.Bulk;
using CheckpointDashboard.Dashboard.Jobs;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Tests.Unit.Dashboard.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Bulk;

/// <summary>The real bulk service over the real job service, store and inventory, acting on a simulated fleet.</summary>
internal sealed class BulkServiceHarness : IAsyncDisposable
{
    private IFleetInventory? _inventory;

    private BulkServiceHarness(JobServiceHarness jobs, BulkOptions options)
    {
        Jobs = jobs;
        Options = options;
        Service = NewService();
    }

    public JobServiceHarness Jobs { get; }

    public BulkOptions Options { get; }

    public BulkService Service { get; private set; }

    public static async Task<BulkServiceHarness> StartAsync(SimulatedFleet fleet, Action<BulkOptions>? configure = null, Action<JobsOptions>? jobs = null)
    {
        var options = new BulkOptions { CheckInterval = TimeSpan.FromMilliseconds(300) };
        configure?.Invoke(options);
        var harness = new BulkServiceHarness(await JobServiceHarness.StartAsync(fleet, jobs), options);
        await harness.Service.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
        return harness;
    }

    /// <summary>Stops both services as a shutdown would (bulk first), optionally changes the store, and starts new ones.</summary>
    /// <param name="whileStopped">Runs between the stop and the start (to change the store as a crash would).</param>
    /// <param name="inventory">The inventory the new bulk service reads (e.g. one that has not read any host yet); the harness's by default.</param>
    public async Task RestartAsync(Func<Task>? whileStopped = null, IFleetInventory? inventory = null)
    {
        await Service.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
        await Service.DisposeAsync();
        await Jobs.Service.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        await Jobs.RestartAsync();
        _inventory = inventory;
        Service = NewService();
        await Service.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
    }

    public Task<BulkJobInfo> StartBulkAsync(VmSelector selector, CheckpointSettingsTarget target) =>
        Service.StartAsync(new BulkRequest(selector, target), "tester", CancellationToken.None).WaitAsync(TestTimeouts.Long);

    /// <summary>Waits until the bulk change satisfies <paramref name="until"/> (by default: finished), following its events.</summary>
    public Task<BulkJobInfo> WaitForAsync(Guid bulkId, Func<BulkJobInfo, bool>? until = null, List<BulkEvent>? events = null) =>
        FollowAsync(() => Task.FromResult(bulkId), until, events);

    /// <summary>Subscribes, then starts a bulk change, and follows it to the end recording every one of its events.</summary>
    public async Task<(Guid Id, BulkJobInfo Done)> StartAndFollowAsync(VmSelector selector, CheckpointSettingsTarget target, List<BulkEvent> events)
    {
        var id = Guid.Empty;
        var done = await FollowAsync(async () => id = (await StartBulkAsync(selector, target)).Id, null, events);
        return (id, done);
    }

    private async Task<BulkJobInfo> FollowAsync(Func<Task<Guid>> start, Func<BulkJobInfo, bool>? until, List<BulkEvent>? events)
    {
        until ??= b => b.IsFinal;
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        var watch = Service.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        // Subscribe first (the first MoveNext), then start or check the current state, so nothing falls between.
        var next = watch.MoveNextAsync().AsTask();
        var bulkId = Guid.Empty;
        try
        {
            bulkId = await start();
            var current = await Service.FindAsync(bulkId, cts.Token);
            if (current is not null && until(current))
            {
                return current;
            }

            while (await next)
            {
                if (watch.Current.Bulk.Id == bulkId)
                {
                    events?.Add(watch.Current);
                    if (until(watch.Current.Bulk))
                    {
                        return watch.Current.Bulk;
                    }
                }

                next = watch.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            // An enumerator cannot be disposed while a MoveNext is pending: end that one first.
            await cts.CancelAsync();
            try
            {
                await next;
            }
            catch (OperationCanceledException)
            {
            }

            await watch.DisposeAsync();
        }

        var last = await Service.FindAsync(bulkId, CancellationToken.None);
        throw new TimeoutException($"Bulk change {bulkId} did not get there in time; last seen: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Jobs.DisposeAsync();
    }

    private BulkService NewService() => new(_inventory ?? Jobs.Inventory.Inventory, Jobs.Service, Jobs.Contexts, Jobs.Audit, Jobs.Access, TimeProvider.System,
        Microsoft.Extensions.Options.Options.Create(Options), NullLogger<BulkService>.Instance);
}
