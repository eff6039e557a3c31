using CheckpointDashboard.Dashboard.Jobs;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.InProcess;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Jobs;

/// <summary>
/// The real job service on a real SQLite store, acting on a simulated fleet through the in-process CIM transport,
/// with the inventory reading the same fleet. Real time, with jobs sped up and short poll intervals; every wait is
/// bounded.
/// </summary>
internal sealed class JobServiceHarness : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cpd-jobs", Guid.NewGuid().ToString("N"));
    private readonly InventoryHarness _inventory;
    private readonly List<HostSessions> _otherSessions = [];

    private JobServiceHarness(SimulatedFleet fleet, JobsOptions options)
    {
        Fleet = fleet;
        Options = options;
        Directory.CreateDirectory(_folder);
        var fleetOptions = InventoryHarness.FastOptions();
        fleetOptions.RefreshInterval = TimeSpan.FromSeconds(1);
        _inventory = InventoryHarness.Start(fleet, fleetOptions);
        Contexts = new Factory(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "jobs.db")}").Options);
        using (var db = Contexts.CreateDbContext())
        {
            db.Database.Migrate();
        }

        Audit = new AuditLog(Contexts);
        Sessions = new HostSessions(_inventory.Inventory, NewSessionFactory());
        Service = NewService();
    }

    public SimulatedFleet Fleet { get; }

    public JobsOptions Options { get; }

    public IDbContextFactory<DashboardDbContext> Contexts { get; }

    public AuditLog Audit { get; }

    public HostSessions Sessions { get; }

    public JobService Service { get; private set; }

    /// <summary>The rights the service checks; everyone may do everything unless a test says otherwise.</summary>
    public AllowEveryone Access { get; } = new();

    public InventoryHarness Inventory => _inventory;

    public static async Task<JobServiceHarness> StartAsync(SimulatedFleet fleet, Action<JobsOptions>? configure = null)
    {
        var options = new JobsOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(40),
            ReconcileInterval = TimeSpan.FromMilliseconds(100),
            HostLostAfter = TimeSpan.FromMilliseconds(600),
            ProgressPersistInterval = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        var harness = new JobServiceHarness(fleet, options);
        await harness.Inventory.WaitForAsync(s => s.Hosts.Length > 0 && s.Hosts.All(h => h.State == HostState.Online));
        await harness.Service.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
        return harness;
    }

    /// <summary>A fleet of one standalone host whose jobs run 25 times faster than a real host's.</summary>
    public static SimulatedFleet FastFleet(out SimulatedHost host)
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 11, speed: 25);
        host = fleet.AddHost("HV01");
        return fleet;
    }

    /// <summary>Stops the service as a shutdown would and starts a new one on the same store (a restart).</summary>
    /// <param name="inventory">
    /// The inventory the new service reads, with sessions of its own (e.g. one that has not read any host yet, as in a
    /// process that has just started); the harness's by default.
    /// </param>
    public async Task RestartAsync(IFleetInventory? inventory = null)
    {
        await Service.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
        Service = inventory is null ? NewService() : NewService(inventory, Track(new HostSessions(inventory, NewSessionFactory())));
        await Service.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Long);
    }

    /// <summary>Submits as "tester".</summary>
    public Task<JobInfo> SubmitAsync(JobRequest request) =>
        Service.SubmitAsync(request, "tester", CancellationToken.None).WaitAsync(TestTimeouts.Long);

    /// <summary>Waits for the job to reach a final state (or <paramref name="until"/>), collecting the events seen.</summary>
    public async Task<(JobInfo Job, List<JobEvent> Events)> WaitForAsync(Guid jobId, Func<JobInfo, bool>? until = null)
    {
        until ??= j => j.IsFinal;
        var events = new List<JobEvent>();
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        var watch = Service.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        try
        {
            // The job may already be there: check the current state first, then follow.
            var current = await Service.FindAsync(jobId, cts.Token);
            if (current is not null && until(current))
            {
                return (current, events);
            }

            while (await watch.MoveNextAsync())
            {
                if (watch.Current.Job.Id != jobId)
                {
                    continue;
                }

                events.Add(watch.Current);
                if (until(watch.Current.Job))
                {
                    return (watch.Current.Job, events);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await watch.DisposeAsync();
        }

        var last = await Service.FindAsync(jobId, CancellationToken.None);
        throw new TimeoutException($"Job {jobId} did not get there in time; last seen: {last?.State} {last?.Phase} {last?.Error}");
    }

    public Task<FleetSnapshot> RefreshedAsync(Func<FleetSnapshot, bool> condition) => Inventory.WaitForAsync(condition);

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Sessions.DisposeAsync();
        foreach (var sessions in _otherSessions)
        {
            await sessions.DisposeAsync();
        }

        await _inventory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private JobService NewService() => NewService(_inventory.Inventory, Sessions);

    private JobService NewService(IFleetInventory inventory, HostSessions sessions) => new(inventory, sessions, new HyperVOperations(), Contexts, Audit, Access, TimeProvider.System,
        Microsoft.Extensions.Options.Options.Create(Options), NullLogger<JobService>.Instance);

    private CimSessionFactory NewSessionFactory() => new([new SimulatorTransportProvider(Fleet)]);

    private HostSessions Track(HostSessions sessions)
    {
        _otherSessions.Add(sessions);
        return sessions;
    }

    private sealed class Factory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(options);
    }
}
