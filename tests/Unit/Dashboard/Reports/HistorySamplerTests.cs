using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.Shared.Reports;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Reports.ReportTestData;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Reports;

/// <summary>The trend sampler and compaction against a real SQLite store, on a fake clock.</summary>
public sealed class HistorySamplerTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ReportInventory _inventory;
    private readonly ReportService _service;
    private readonly HistorySampler _sampler;
    private readonly ReportOptions _options = new()
    {
        History = new HistoryOptions { SampleInterval = TimeSpan.FromMinutes(5), KeepEverything = TimeSpan.FromDays(2), KeepDaily = TimeSpan.FromDays(4) },
    };

    public HistorySamplerTests()
    {
        _inventory = new ReportInventory(Snapshot([Chain("APP01", 2), Chain("DB01", 1, host: "N1", cluster: "PROD")]));
        var trends = new TrendStore(_store.Contexts);
        _service = new ReportService(_inventory, _store.Contexts, _store.Audit, new AllowEveryone(), trends, Options.Create(_options), _time, NullLogger<ReportService>.Instance);
        _sampler = new HistorySampler(_inventory, _service, trends, Options.Create(_options), _time, NullLogger<HistorySampler>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _sampler.Dispose();
        _service.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task Sample_RecordsOnePerCluster_WithTheChurnSinceTheLastSample()
    {
        var first = await _sampler.SampleAsync(Ct).WaitAsync(TestTimeouts.Short, Ct);
        Assert.Equal([("PROD", 1, 0), (null, 2, 0)], first.Select(s => (s.Cluster, s.Checkpoints, s.Added)));

        // APP01 loses its checkpoints, DB01 gains two more: churn is counted per cluster.
        _inventory.Current = new(2, Now, false, _inventory.Current.Hosts, [],
            [Chain("APP01", 0), Chain("DB01", 3, host: "N1", cluster: "PROD")]);
        _time.Advance(TimeSpan.FromMinutes(5));
        await _sampler.SampleAsync(Ct).WaitAsync(TestTimeouts.Short, Ct);

        var history = await _service.HistoryAsync(1, Ct).WaitAsync(TestTimeouts.Short, Ct);
        Assert.Equal(4, history.Count);
        var latest = history.Where(s => s.At == Now.AddMinutes(5)).ToDictionary(s => s.Cluster ?? "");
        Assert.Equal((3, 2, 0), (latest["PROD"].Checkpoints, latest["PROD"].Added, latest["PROD"].Removed));
        Assert.Equal((0, 0, 2), (latest[""].Checkpoints, latest[""].Added, latest[""].Removed));
    }

    [Fact]
    public async Task Sample_KeepsThePreviousSamplesCheckpointsById_NotTheWholeSnapshot()
    {
        // Held for a sample interval (an hour by default), a whole snapshot is a second copy of the fleet's VMs, disks and
        // statistics: at 25,000 VMs tens of megabytes the churn count does not need.
        // Snapshots made in helpers, so no slot of this method holds one; and not the first one, which the fake
        // inventory's watch holds.
        SetCurrent(1, [Chain("APP01", 2), Chain("DB01", 1, host: "N1", cluster: "PROD")]);
        var sampled = await SampleCurrentAsync();
        SetCurrent(2, [Chain("APP01", 1), Chain("DB01", 3, host: "N1", cluster: "PROD")]);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(sampled.TryGetTarget(out _), "the sampler still holds the snapshot it sampled");

        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await _sampler.SampleAsync(Ct).WaitAsync(TestTimeouts.Short, Ct);
        var latest = second.ToDictionary(s => s.Cluster ?? "");
        Assert.Equal((2, 0), (latest["PROD"].Added, latest["PROD"].Removed));
        Assert.Equal((0, 1), (latest[""].Added, latest[""].Removed));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void SetCurrent(long version, System.Collections.Immutable.ImmutableArray<CheckpointDashboard.Shared.Inventory.VirtualMachine> vms) =>
        _inventory.Current = new(version, Now, false, _inventory.Current.Hosts, [], vms);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<WeakReference<CheckpointDashboard.Shared.Inventory.FleetSnapshot>> SampleCurrentAsync()
    {
        var snapshot = new WeakReference<CheckpointDashboard.Shared.Inventory.FleetSnapshot>(_inventory.Current);
        await _sampler.SampleAsync(Ct).WaitAsync(TestTimeouts.Short, Ct);
        return snapshot;
    }

    [Fact]
    public async Task Compact_OldSamples_BecomeOnePerClusterPerDay_AndTheOldestGo()
    {
        // Six days of samples every four hours, two clusters each.
        for (var i = 0; i < 6 * 6; i++)
        {
            await _sampler.SampleAsync(Ct).WaitAsync(TestTimeouts.Short, Ct);
            _time.Advance(TimeSpan.FromHours(4));
        }

        var before = await _service.HistoryAsync(30, Ct).WaitAsync(TestTimeouts.Short, Ct);
        Assert.Equal(72, before.Count);

        var removed = await _sampler.CompactAsync(Ct).WaitAsync(TestTimeouts.Short, Ct);

        var after = await _service.HistoryAsync(30, Ct).WaitAsync(TestTimeouts.Short, Ct);
        var expected = TrendCompactor.Compact(before, _time.GetUtcNow(), TimeSpan.FromDays(2), TimeSpan.FromDays(4));
        Assert.Equal(before.Count - after.Count, removed);
        Assert.True(after.Count < before.Count);
        Assert.Equal(expected.OrderBy(s => s.At).ThenBy(s => s.Cluster), after.OrderBy(s => s.At).ThenBy(s => s.Cluster));
        Assert.DoesNotContain(after, s => s.At < _time.GetUtcNow() - TimeSpan.FromDays(4));
        Assert.Equal(0, await _sampler.CompactAsync(Ct).WaitAsync(TestTimeouts.Short, Ct));

        // The charts read the same series from the compacted history as from the raw one.
        Assert.Equal(TrendSeries.Fleet(before, _time.GetUtcNow(), 3), TrendSeries.Fleet(after, _time.GetUtcNow(), 3));
    }

    [Fact]
    public async Task Run_SamplesOnStart_ThenEveryInterval()
    {
        var samples = new List<IReadOnlyList<InventorySummary>>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstSample = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sampler.Sampled += (_, s) =>
        {
            lock (samples)
            {
                samples.Add(s);
                (samples.Count == 1 ? firstSample : second).TrySetResult();
            }
        };

        await _sampler.StartAsync(Ct).WaitAsync(TestTimeouts.Short, Ct);
        await firstSample.Task.WaitAsync(TestTimeouts.Short, Ct);
        _time.Advance(_options.History.SampleInterval);
        await second.Task.WaitAsync(TestTimeouts.Short, Ct);
        await _sampler.StopAsync(Ct).WaitAsync(TestTimeouts.Short, Ct);

        var history = await _service.HistoryAsync(1, Ct).WaitAsync(TestTimeouts.Short, Ct);
        Assert.Equal([Now, Now, Now.AddMinutes(5), Now.AddMinutes(5)], history.Select(s => s.At));
    }
}
