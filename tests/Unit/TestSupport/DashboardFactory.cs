using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>The real dashboard, in memory, on its embedded simulated fleet, with optional configuration overrides.</summary>
internal sealed class DashboardFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public DashboardFactory(Dictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Simulator:Seed"] = "7",
            ["Fleet:PublishCoalescing"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public IFleetInventory Inventory => Services.GetRequiredService<IFleetInventory>();

    /// <summary>Waits until every host has been tried once (none still connecting).</summary>
    public async Task<FleetSnapshot> WaitForFirstReadAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        await foreach (var snapshot in Inventory.WatchAsync(cts.Token))
        {
            if (snapshot.Hosts.Length > 0 && snapshot.Hosts.All(h => h.State != HostState.Connecting) &&
                snapshot.Clusters.All(c => c.LastSuccess is not null || c.LastError is not null))
            {
                return snapshot;
            }
        }

        throw new TimeoutException("The fleet was not read in time.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
    }
}
