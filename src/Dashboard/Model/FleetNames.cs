using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>The cluster and host names a page offers in its filters, from one snapshot.</summary>
public static class FleetNames
{
    /// <summary>Every cluster with VMs, by name; "" stands for the standalone hosts.</summary>
    public static string[] Clusters(FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.Vms.Select(v => v.Cluster ?? string.Empty).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Every host, by name.</summary>
    public static string[] Hosts(FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.Hosts.Select(h => h.Name).Order(StringComparer.OrdinalIgnoreCase)];
    }
}
