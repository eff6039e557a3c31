using System.Net;
using System.Text.Json;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostConnector.WsMan;
using CheckpointDashboard.HostSimulator.InProcess;
using CheckpointDashboard.HostSimulator.WsMan;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.HostSimulator;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Integration;

/// <summary>
/// The whole stack through real HTTP and XML: the connector's managed WS-Management client against the simulator's
/// WS-Management server, for inventory (the same domain data as the in-process path), a method that starts a job,
/// and hosts whose credentials or security settings are wrong.
/// </summary>
public sealed class WsManStackTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Inventory_OverWsMan_IsTheSameDomainDataAsInProcess(bool https)
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost("HV01");
        for (var i = 0; i < 25; i++)
        {
            var vm = SimulatorHarness.AddVm(host, $"VM{i:00}", diskSizes: i % 5 == 0 ? [40 * SimulatorHarness.Gb, 10 * SimulatorHarness.Gb] : []);
            if (i % 3 == 0)
            {
                sim.Checkpoint(host, vm);
                sim.Checkpoint(host, vm);
            }
        }

        await using var server = await SimulatorWsManHost.StartAsync(sim.Fleet, new WsManServerOptions { UseHttps = https }, Token).WaitAsync(TestTimeouts.Long, Token);
        await using var wsman = new WsManSession(Connection(server, "HV01", "sim"), new WsManClientOptions { MaxElements = 7 }, sim.Time);
        await using var local = new SimulatorTransportProvider(sim.Fleet).Open(new CimConnection("HV01", new Uri("sim://HV01"), CimTransport.Simulator, null, TimeSpan.FromSeconds(10)));
        var reader = new HyperVInventoryReader(sim.Time);
        var scans = new DiskScanPolicy(TimeSpan.FromHours(1), 100);

        var overWire = await reader.ReadAsync(wsman, null, new DiskSizeCache(), scans, Token).WaitAsync(TestTimeouts.Long, Token);
        var inProcess = await reader.ReadAsync(local, null, new DiskSizeCache(), scans, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(25, overWire.Vms.Length);
        Assert.Null(overWire.Warning);
        Assert.All(overWire.Vms.SelectMany(v => v.Disks), d => Assert.NotNull(d.SizeBytes));
        Assert.Equal(JsonSerializer.Serialize(inProcess.Vms), JsonSerializer.Serialize(overWire.Vms));
    }

    [Fact]
    public async Task CreateCheckpoint_OverWsMan_StartsAJobThatRunsToTheNewCheckpoint()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost("HV01");
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var server = await SimulatorWsManHost.StartAsync(sim.Fleet, new WsManServerOptions { UseHttps = true }, Token).WaitAsync(TestTimeouts.Long, Token);
        await using var session = new WsManSession(Connection(server, "HV01", "sim"), new WsManClientOptions(), sim.Time);
        var operations = new HyperVOperations();

        var call = await operations.CreateSnapshotAsync(session, vm.Id, Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.True(call.StartedJob, call.Describe());
        sim.Advance(host, TimeSpan.FromSeconds(1));
        var running = await operations.GetJobAsync(session, call.Job!, Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.InRange(running!.PercentComplete, 1, 99);
        sim.Advance(host, TimeSpan.FromMinutes(1));
        var done = await operations.GetJobAsync(session, call.Job!, Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.True(done!.Succeeded, done.Error);
        var created = await operations.FindCreatedCheckpointAsync(session, call.Job!, Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.Equal(vm.Checkpoints.Single().Id, created);

        // Read-modify-write of the checkpoint's full settings, with characters that need escaping on the wire.
        var settings = await operations.GetSettingsAsync(session, created!.Value, Token).WaitAsync(TestTimeouts.Long, Token);
        var rename = await operations.ModifySettingsAsync(session, settings, new Dictionary<string, object?> { ["ElementName"] = "Before <patch> & reboot" }, Token)
            .WaitAsync(TestTimeouts.Long, Token);
        Assert.True(rename.StartedJob || rename.CompletedAtOnce, rename.Describe());
        Assert.Equal("Before <patch> & reboot", vm.Checkpoints.Single().Name);
    }

    [Fact]
    public async Task Fleet_OverWsMan_WrongPasswordAndInsecureBasic_FailOnlyTheirHostsWithClearReasons()
    {
        var sim = new SimulatorHarness();
        SimulatorHarness.AddVm(sim.AddHost("HV-OK").Host, "OK01");
        SimulatorHarness.AddVm(sim.AddHost("HV-WRONGPW").Host, "WP01");
        SimulatorHarness.AddVm(sim.AddHost("HV-PLAINBASIC").Host, "PB01");
        var cluster = sim.Fleet.AddCluster("CLU", ["CLU-N1", "CLU-N2"]);
        SimulatorHarness.AddVm(cluster.Nodes[0], "C1");
        SimulatorHarness.AddVm(cluster.Nodes[1], "C2");
        await using var https = await SimulatorWsManHost.StartAsync(sim.Fleet, new WsManServerOptions { UseHttps = true }, Token).WaitAsync(TestTimeouts.Long, Token);
        await using var http = await SimulatorWsManHost.StartAsync(sim.Fleet, new WsManServerOptions(), Token).WaitAsync(TestTimeouts.Long, Token);

        var options = InventoryHarness.FastOptions();
        var credentials = new Credentials();
        options.Hosts.Add(Secure(new FleetHostOptions { Name = "HV-OK", Endpoint = https.EndpointFor("HV-OK").ToString(), Credential = "good" }, https));
        options.Hosts.Add(Secure(new FleetHostOptions { Name = "HV-WRONGPW", Endpoint = https.EndpointFor("HV-WRONGPW").ToString(), Credential = "bad" }, https));
        options.Hosts.Add(new FleetHostOptions
        {
            Name = "HV-PLAINBASIC", Endpoint = http.EndpointFor("HV-PLAINBASIC").ToString(), Credential = "good", Authentication = "Basic", Transport = CimTransport.WsMan,
        });
        options.Clusters.Add(Secure(new FleetClusterOptions
        {
            Name = "CLU", Endpoint = https.EndpointFor("CLU").ToString(), Credential = "good",
            NodeEndpoint = https.BaseAddress + "{node}/wsman",
        }, https));
        var factory = new CimSessionFactory([new WsManTransportProvider(sim.Time, Microsoft.Extensions.Options.Options.Create(new WsManClientOptions()))]);
        await using var inventory = new FleetInventory(FleetTopology.Hosts(options, credentials), FleetTopology.Clusters(options, credentials),
            factory, options, sim.Time, NullLoggerFactory.Instance);
        inventory.Start();

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cts.CancelAfter(TestTimeouts.Long);
        FleetSnapshot? snapshot = null;
        await foreach (var next in inventory.WatchAsync(cts.Token))
        {
            snapshot = next;
            if (next.Hosts.Length == 5 && next.Hosts.All(h => h.State != HostState.Connecting))
            {
                break;
            }
        }

        Assert.NotNull(snapshot);
        Assert.Equal(HostState.Online, snapshot.FindHost("HV-OK")!.State);
        Assert.Equal(HostState.Online, snapshot.FindHost("CLU-N1")!.State);
        Assert.Equal(HostState.Online, snapshot.FindHost("CLU-N2")!.State);
        var wrong = snapshot.FindHost("HV-WRONGPW")!;
        Assert.Equal(HostErrorKind.AuthenticationFailed, wrong.LastErrorKind);
        Assert.Contains("401", wrong.LastError);
        var plain = snapshot.FindHost("HV-PLAINBASIC")!;
        Assert.Equal(HostErrorKind.Configuration, plain.LastErrorKind);
        Assert.Contains("clear text", plain.LastError);
        Assert.Equal(["C1", "C2", "OK01"], snapshot.Vms.Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, sim.Fleet.FindHost("HV-PLAINBASIC")!.Requests);
    }

    private static CimConnection Connection(SimulatorWsManHost server, string host, string password) =>
        new(host, server.EndpointFor(host), CimTransport.WsMan, new NetworkCredential("sim", password), TimeSpan.FromSeconds(10))
        {
            Security = new WsManSecurityOptions
            {
                Authentication = "Basic",
                AllowUnencryptedBasic = server.CertificateThumbprint is null,
                CertificateThumbprint = server.CertificateThumbprint,
            },
        };

    private static T Secure<T>(T endpoint, SimulatorWsManHost server)
        where T : EndpointOptions
    {
        endpoint.Transport = CimTransport.WsMan;
        endpoint.Authentication = "Basic";
        endpoint.CertificateThumbprint = server.CertificateThumbprint;
        return endpoint;
    }

    private sealed class Credentials : ICredentialStore
    {
        public bool Exists(string name) => name is "good" or "bad";

        public NetworkCredential? Find(string name) => name switch
        {
            "good" => new NetworkCredential("sim", "sim"),
            "bad" => new NetworkCredential("sim", "wrong"),
            _ => null,
        };
    }
}
