using Microsoft.Extensions.Hosting;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>Starts the fleet's watch loops with the application and stops them with it (the container disposes it again, harmlessly).</summary>
public sealed class FleetInventoryHostedService : IHostedService
{
    private readonly FleetInventory _inventory;

    public FleetInventoryHostedService(FleetInventory inventory)
    {
        _inventory = inventory;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _inventory.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _inventory.DisposeAsync().ConfigureAwait(false);
}
