using CheckpointDashboard.Dashboard.Bulk;
using CheckpointDashboard.Dashboard.Jobs;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Tests.Unit.Dashboard.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Bulk;

/// <summary>The real bulk service over the real job service, store and inventory, acting on a simulated fleet.</summary>
internal sealed class BulkServiceHarness : IAsyncDisposable
{
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
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        await Service.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
        await Service.DisposeAsync();
        await Jobs.Service.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        await Jobs.RestartAsync();
        Service = NewService();
        await Service.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
    }

    public Task<BulkJobInfo> StartBulkAsync(VmSelector selector, CheckpointSettingsTarget target) =>
        Service.StartAsync(new BulkRequest(selector, target), "tester", CancellationToken.None).WaitAsync(TestTimeouts.Long);

    /// <summary>Waits until the bulk change satisfies <paramref name="until"/> (by default: finished), following its events.</summary>
    public async Task<BulkJobInfo> WaitForAsync(Guid bulkId, Func<BulkJobInfo, bool>? until = null, List<BulkEvent>? events = null)
    {
        until ??= b => b.IsFinal;
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        var watch = Service.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        try
        {
            // Subscribe first (the first MoveNext), then check the current state, so nothing falls between.
            var next = watch.MoveNextAsync();
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

                next = watch.MoveNextAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
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

    private BulkService NewService() => new(Jobs.Inventory.Inventory, Jobs.Service, Jobs.Contexts, Jobs.Audit, TimeProvider.System,
        Microsoft.Extensions.Options.Options.Create(Options), NullLogger<BulkService>.Instance);
}
