using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// The real dashboard of <see cref="DashboardFactory"/> (its settings, its simulated fleet, its clean-up) with some
/// services replaced by fakes (<see cref="Replace"/>). Replaced, not added: the app registers real ones of its own, and a
/// test must never reach them. Built with <c>WithWebHostBuilder</c> so that whatever <see cref="DashboardFactory"/>
/// configures (a store folder per app, say) applies here too.
/// </summary>
internal abstract class FakedDashboardFactory : IAsyncDisposable
{
    // Never started itself: only the derived factory runs an app, and disposing this one disposes it.
    private readonly DashboardFactory _root = new();
    private readonly WebApplicationFactory<Program> _app;

    protected FakedDashboardFactory()
    {
        _app = _root.WithWebHostBuilder(builder => builder.ConfigureTestServices(Replace));
    }

    public IServiceProvider Services => _app.Services;

    public IFleetInventory Inventory => Services.GetRequiredService<IFleetInventory>();

    public HttpClient CreateClient() => _app.CreateClient();

    /// <summary>Starts the app on a loopback port of its own (for clients that need a real socket, like SignalR's) and returns its address.</summary>
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

    /// <summary>Swaps the app's services for fakes (called when the app is built, after the derived class is constructed).</summary>
    protected abstract void Replace(IServiceCollection services);
}
