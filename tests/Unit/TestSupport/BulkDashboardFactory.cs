using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Policies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// The real dashboard of <see cref="DashboardFactory"/> (its settings, its simulated fleet, its clean-up), with the bulk
/// service and the policy store replaced by <see cref="FakeBulkService"/> and <see cref="FakePolicyStore"/>. Replaced, not
/// added: once the app registers real ones of its own, a test must still never reach them. Built like
/// <see cref="JobsDashboardFactory"/>, with <c>WithWebHostBuilder</c>.
/// </summary>
internal sealed class BulkDashboardFactory : IAsyncDisposable
{
    // Never started itself: only the derived factory runs an app, and disposing this one disposes it.
    private readonly DashboardFactory _root = new();
    private readonly WebApplicationFactory<Program> _app;

    public BulkDashboardFactory()
    {
        _app = _root.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IBulkService>();
            services.AddSingleton<IBulkService>(Bulk);
            services.RemoveAll<IPolicyStore>();
            services.AddSingleton<IPolicyStore>(Policies);
        }));
    }

    public FakeBulkService Bulk { get; } = new();

    public FakePolicyStore Policies { get; } = new();

    public IServiceProvider Services => _app.Services;

    public IFleetInventory Inventory => Services.GetRequiredService<IFleetInventory>();

    public HttpClient CreateClient() => _app.CreateClient();

    /// <summary>Starts the app on a loopback port of its own (for SignalR's client, which needs a real socket) and returns its address.</summary>
    public Uri StartOnLoopback()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        return _app.ClientOptions.BaseAddress;
    }

    /// <summary>Waits until every host has been tried once (none still connecting), as <see cref="DashboardFactory"/> does.</summary>
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

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _root.DisposeAsync();
    }
}
