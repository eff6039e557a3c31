using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Reports;

/// <summary>An inventory of hand-built snapshots whose hosts can carry disk-folder scans, for the report service's tests.</summary>
internal sealed class ReportInventory(FleetSnapshot initial) : IFleetInventory
{
    private readonly Dictionary<string, DiskSizeCache> _disks = new(StringComparer.OrdinalIgnoreCase);

    public FleetSnapshot Current { get; set; } = initial;

    /// <summary>Records a scan of <paramref name="folder"/> on <paramref name="host"/> holding <paramref name="files"/>.</summary>
    public void Scan(string host, string folder, DateTimeOffset at, string? error = null, params ScannedFile[] files)
    {
        if (!_disks.TryGetValue(host, out var cache))
        {
            cache = new DiskSizeCache();
            _disks[host] = cache;
        }

        cache.Record(new FolderScan(DiskPaths.Normalize(folder), at,
            files.ToFrozenDictionary(f => DiskPaths.Normalize(f.Path), StringComparer.OrdinalIgnoreCase), error));
    }

    public async IAsyncEnumerable<FleetSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Current;
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task RefreshAsync(string? name, CancellationToken cancellationToken) => Task.CompletedTask;

    public CimConnection? ConnectionOf(string hostName) => null;

    public DiskSizeCache? DiskFilesOf(string hostName) => _disks.GetValueOrDefault(hostName);
}
