using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>
/// Records the trend history: once the fleet has been read completely (a sample of a half-read fleet would show a dip
/// that never happened), then every <see cref="HistoryOptions.SampleInterval"/>, one <see cref="InventorySummary"/> per
/// cluster with the checkpoints added and removed since the previous sample; compacts the history every
/// <see cref="HistoryOptions.CompactInterval"/>.
/// </summary>
public sealed class HistorySampler(
    IFleetInventory inventory,
    IReportService reports,
    TrendStore trends,
    IOptions<ReportOptions> options,
    TimeProvider time,
    ILogger<HistorySampler> logger) : BackgroundService
{
    private readonly HistoryOptions _history = options.Value.History;
    // What the churn needs of the previous sample: its checkpoints by id, not the whole snapshot. Holding the snapshot
    // kept a second generation of the fleet (every VM, disk and statistic) alive for the sample interval.
    private IReadOnlyDictionary<Guid, CheckpointRef>? _previous;
    private DateTimeOffset? _lastCompaction;

    /// <summary>Raised after each recorded sample, with the samples (so a trend chart can follow without polling).</summary>
    public event EventHandler<IReadOnlyList<InventorySummary>>? Sampled;

    /// <summary>Records one sample per cluster of the current inventory and returns them.</summary>
    public async Task<IReadOnlyList<InventorySummary>> SampleAsync(CancellationToken cancellationToken)
    {
        var snapshot = inventory.Current;
        var report = reports.Build();
        var checkpoints = CheckpointDiff.Index(snapshot);
        var churn = _previous is { } previous ? CheckpointDiff.Between(previous, checkpoints) : null;
        var samples = InventorySummary.FromReport(report, churn);
        await trends.AppendAsync(samples, cancellationToken);
        _previous = checkpoints;
        Sampled?.Invoke(this, samples);
        return samples;
    }

    /// <summary>Thins the stored history now; returns how many rows went.</summary>
    public async Task<int> CompactAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _lastCompaction = now;
        return await trends.CompactAsync(now, _history.KeepEverything, _history.KeepDaily, cancellationToken);
    }

    /// <summary>True once every host has been tried and every cluster read or failed.</summary>
    public static bool IsFirstReadComplete(FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Hosts.Length > 0 && snapshot.Hosts.All(h => h.State != HostState.Connecting) &&
            snapshot.Clusters.All(c => c.LastSuccess is not null || c.LastError is not null);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in inventory.WatchAsync(stoppingToken))
            {
                if (IsFirstReadComplete(snapshot))
                {
                    break;
                }
            }

            using var timer = new PeriodicTimer(_history.SampleInterval, time);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SampleAsync(cancellationToken);
            if (_lastCompaction is not { } last || time.GetUtcNow() - last >= _history.CompactInterval)
            {
                var removed = await CompactAsync(cancellationToken);
                logger.LogDebug("Compacted the trend history: {Removed} samples fewer.", removed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed sample is a gap in a chart; the next interval tries again.
            logger.LogWarning(ex, "Could not record the trend sample.");
        }
    }
}
