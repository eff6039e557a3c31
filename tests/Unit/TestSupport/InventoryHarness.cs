using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostSimulator.InProcess;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.Extensions.Logging.Abstractions;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>A <see cref="FleetInventory"/> over a simulated fleet through the in-process transport.</summary>
internal sealed class InventoryHarness : IAsyncDisposable
{
    private InventoryHarness(SimulatedFleet fleet, FleetInventory inventory)
    {
        Fleet = fleet;
        Inventory = inventory;
    }

    public SimulatedFleet Fleet { get; }

    public FleetInventory Inventory { get; }

    /// <summary>Every standalone host and cluster of <paramref name="fleet"/> becomes a configured entry, as the dashboard does.</summary>
    public static InventoryHarness Start(SimulatedFleet fleet, FleetOptions options)
    {
        options.Hosts.Clear();
        options.Clusters.Clear();
        options.Hosts.AddRange(fleet.StandaloneHosts.Select(h => new FleetHostOptions { Name = h.Name, Endpoint = $"sim://{h.Name}" }));
        options.Clusters.AddRange(fleet.Clusters.Select(c => new FleetClusterOptions { Name = c.Name, Endpoint = $"sim://{c.Name}", NodeEndpoint = "sim://{node}" }));
        var credentials = new NoCredentials();
        var inventory = new FleetInventory(
            FleetTopology.Hosts(options, credentials),
            FleetTopology.Clusters(options, credentials),
            new CimSessionFactory([new SimulatorTransportProvider(fleet)]),
            options,
            fleet.Time,
            NullLoggerFactory.Instance);
        inventory.Start();
        return new InventoryHarness(fleet, inventory);
    }

    /// <summary>Options for tests: no publish delay, quick retries, no disk scans unless asked.</summary>
    public static FleetOptions FastOptions() => new()
    {
        RefreshInterval = TimeSpan.FromSeconds(30),
        HostTimeout = TimeSpan.FromSeconds(5),
        OperationTimeout = TimeSpan.FromSeconds(2),
        Retries = 0,
        PublishCoalescing = TimeSpan.Zero,
        MaxDiskScansPerRefresh = 0,
        CircuitBreakerFailures = 3,
        CircuitBreakDuration = TimeSpan.FromMinutes(1),
    };

    /// <summary>Waits (in real time, bounded) until a published snapshot satisfies <paramref name="condition"/>.</summary>
    public async Task<FleetSnapshot> WaitForAsync(Func<FleetSnapshot, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Long);
        FleetSnapshot last = Inventory.Current;
        try
        {
            await foreach (var snapshot in Inventory.WatchAsync(cts.Token))
            {
                last = snapshot;
                if (condition(snapshot))
                {
                    return snapshot;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        var hosts = string.Join("; ", last.Hosts.Select(h => $"{h.Name}={h.State} {h.LastErrorKind} {h.LastError}"));
        throw new TimeoutException($"No snapshot met the condition in time. Last snapshot v{last.Version}: {last.Vms.Length} VMs; hosts: {hosts}");
    }

    public ValueTask DisposeAsync() => Inventory.DisposeAsync();

    private sealed class NoCredentials : ICredentialStore
    {
        public bool Exists(string name) => false;

        public System.Net.NetworkCredential? Find(string name) => null;
    }
}
