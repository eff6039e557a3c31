using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>The real dashboard, in memory, on its embedded simulated fleet, with optional configuration overrides.</summary>
internal sealed class DashboardFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _testAuthentication;

    /// <param name="settings">Configuration overrides.</param>
    /// <param name="testAuthentication">
    /// True (default): requests are authenticated by <see cref="TestAuthentication"/> (as the bootstrapped administrator
    /// unless a test names another user). False: the app's own sign-in, for tests of sign-in itself.
    /// </param>
    public DashboardFactory(Dictionary<string, string?>? settings = null, bool testAuthentication = true)
    {
        _testAuthentication = testAuthentication;
        _settings = new Dictionary<string, string?>
        {
            ["Simulator:Seed"] = "7",
            ["Fleet:PublishCoalescing"] = "00:00:00",
            ["Store:DataDirectory"] = DataDirectory,
            ["Auth:BootstrapAdmin:UserName"] = TestAuthentication.DefaultUser,
            ["Auth:BootstrapAdmin:Password"] = TestAuthentication.DefaultPassword,
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    /// <summary>A fresh folder for this app's store, deleted with the factory.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "cpd-tests", Guid.NewGuid().ToString("N"));

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

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        if (_testAuthentication)
        {
            builder.ConfigureServices(TestAuthentication.Use);
        }
    }
}
