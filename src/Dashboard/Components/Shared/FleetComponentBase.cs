using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Shared;

/// <summary>
/// A component that shows the live fleet: it reads the inventory's current snapshot, then follows the change feed
/// until it is disposed, re-rendering on each new snapshot. Components never call hosts; this is the only way they see
/// the fleet.
/// </summary>
public abstract class FleetComponentBase : LiveComponentBase
{
    [Inject]
    public required IFleetInventory Inventory { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>The snapshot being shown.</summary>
    protected FleetSnapshot Snapshot { get; private set; } = null!;

    protected DateTimeOffset Now => Time.GetUtcNow();

    protected override void OnInitialized()
    {
        Snapshot = Inventory.Current;
        OnSnapshot(Snapshot);
        Follow(Inventory.WatchAsync, snapshot =>
        {
            if (snapshot.Version == Snapshot.Version)
            {
                return false;
            }

            Snapshot = snapshot;
            OnSnapshot(snapshot);
            return true;
        });
    }

    /// <summary>Called with each snapshot before rendering it (first with the current one).</summary>
    protected virtual void OnSnapshot(FleetSnapshot snapshot)
    {
    }
}
