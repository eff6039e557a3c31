using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>
/// The live inventory of the whole fleet: a current snapshot and a stream of new ones. Pages and APIs read
/// this; they never call hosts.
/// </summary>
public interface IFleetInventory
{
    /// <summary>The latest snapshot. Never null; empty before the first read.</summary>
    FleetSnapshot Current { get; }

    /// <summary>
    /// The current snapshot, then each new one as it is published. Bursts are coalesced, and a slow reader
    /// only ever misses intermediate snapshots, never the latest. Ends when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<FleetSnapshot> WatchAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Refreshes one host or cluster (by name), or all when <paramref name="name"/> is null, and completes once those
    /// refreshes have finished and a snapshot including them is published.
    /// </summary>
    Task RefreshAsync(string? name, CancellationToken cancellationToken);

    /// <summary>How to reach a host of the fleet (configured or discovered), or null when it is not (yet) known.</summary>
    CimConnection? ConnectionOf(string hostName);

    /// <summary>The last disk-folder scans of a host (for orphan detection), or null for an unknown host.</summary>
    DiskSizeCache? DiskFilesOf(string hostName);
}
