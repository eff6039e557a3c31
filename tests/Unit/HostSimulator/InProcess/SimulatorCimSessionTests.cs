using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.InProcess;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.SimulatorHarness;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.InProcess;

/// <summary>The in-process transport: injected faults surface the way a network and a real provider would.</summary>
public sealed class SimulatorCimSessionTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueryAsync_HealthyHost_ReadsAndMapsVms()
    {
        var (sim, host) = HostWithVm();
        await using var session = Open(sim, "HV01");

        var vms = await ReadAsync(session);

        var vm = Assert.Single(vms);
        Assert.Equal(host.Vms[0].Id, vm.Id);
        Assert.Equal("HV01", vm.Host);
        Assert.Single(vm.Checkpoints);
        Assert.Equal(3, host.Requests);
    }

    [Fact]
    public async Task QueryAsync_Unreachable_ThrowsUnreachable()
    {
        var (sim, host) = HostWithVm();
        host.Faults = new HostFaults { Unreachable = true };
        await using var session = Open(sim, "HV01");

        var error = await Assert.ThrowsAsync<CimException>(() => ReadAsync(session).WaitAsync(s_wait, Token));

        Assert.Equal(CimErrorKind.Unreachable, error.Kind);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task QueryAsync_RejectCredentials_ThrowsAuthenticationFailed()
    {
        var (sim, host) = HostWithVm();
        host.Faults = new HostFaults { RejectCredentials = true };
        await using var session = Open(sim, "HV01");

        var error = await Assert.ThrowsAsync<CimException>(() => ReadAsync(session).WaitAsync(s_wait, Token));

        Assert.Equal(CimErrorKind.AuthenticationFailed, error.Kind);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task QueryAsync_HangPastOperationTimeout_ThrowsTimeout()
    {
        var (sim, host) = HostWithVm();
        host.Faults = new HostFaults { Hang = true };
        await using var session = Open(sim, "HV01", TimeSpan.FromSeconds(3));

        var call = session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery, Token);
        sim.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(call.IsCompleted);
        sim.Time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<CimException>(() => call.WaitAsync(s_wait, Token));
        Assert.Equal(CimErrorKind.Timeout, error.Kind);
        Assert.Equal("HV01", error.Host);
    }

    [Fact]
    public async Task QueryAsync_HangCancelledByCaller_ThrowsOperationCanceled()
    {
        var (sim, host) = HostWithVm();
        host.Faults = new HostFaults { Hang = true };
        await using var session = Open(sim, "HV01");
        using var cancellation = new CancellationTokenSource();

        var call = session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery, cancellation.Token);
        await cancellation.CancelAsync().WaitAsync(s_wait, Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_wait, Token));
    }

    [Fact]
    public async Task QueryAsync_Latency_AnswersOnlyWhenTheClockHasAdvanced()
    {
        var (sim, host) = HostWithVm();
        host.Faults = new HostFaults { Latency = TimeSpan.FromMilliseconds(800) };
        await using var session = Open(sim, "HV01");

        var call = session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery, Token);
        sim.Time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(call.IsCompleted);
        sim.Time.Advance(TimeSpan.FromMilliseconds(300));

        var vms = await call.WaitAsync(s_wait, Token);
        Assert.Single(vms);
    }

    [Fact]
    public async Task QueryAsync_ErrorRateOne_ThrowsProviderErrorWithWmiCode()
    {
        var (sim, host) = HostWithVm();
        host.Faults = new HostFaults { ErrorRate = 1.0 };
        await using var session = Open(sim, "HV01");

        for (var i = 0; i < 5; i++)
        {
            var error = await Assert.ThrowsAsync<CimException>(() => ReadAsync(session).WaitAsync(s_wait, Token));
            Assert.Equal(CimErrorKind.ProviderError, error.Kind);
            Assert.Equal(0x80041001u, error.WmiErrorCode);
        }

        Assert.Equal(5, host.Requests);
    }

    [Fact]
    public async Task QueryAsync_Malformed_MakesMapperThrowMappingException()
    {
        var (sim, host) = HostWithVm();
        host.Faults = new HostFaults { Malformed = true };
        await using var session = Open(sim, "HV01");

        await Assert.ThrowsAsync<CimMappingException>(() => ReadAsync(session).WaitAsync(s_wait, Token));
    }

    [Fact]
    public async Task QueryAsync_UnknownHostName_ThrowsUnreachable()
    {
        var (sim, _) = HostWithVm();
        await using var session = Open(sim, "HV-NOWHERE");

        var error = await Assert.ThrowsAsync<CimException>(() => ReadAsync(session).WaitAsync(s_wait, Token));

        Assert.Equal(CimErrorKind.Unreachable, error.Kind);
    }

    [Fact]
    public async Task QueryAsync_ClusterName_IsAnsweredByAnUpNode()
    {
        var sim = new SimulatorHarness();
        var cluster = sim.Fleet.AddCluster("DEV", ["DEV-HV01", "DEV-HV02"]);
        cluster.FailNode("DEV-HV01");
        await using var session = Open(sim, "DEV");

        var nodes = await session.QueryAsync(CimNamespaces.Cluster, "SELECT Name, State FROM MSCluster_Node", Token).WaitAsync(s_wait, Token);

        Assert.Equal([1L, 0L], nodes.Select(n => n.GetSignedState("State") ?? 99));
    }

    [Fact]
    public async Task InvokeAsync_CreateSnapshot_JobCanBePolledThroughTheSession()
    {
        var (sim, host) = HostWithVm();
        await using var session = Open(sim, "HV01");
        var vm = host.Vms[0];

        var result = await session.InvokeAsync(SnapshotService(host), "CreateSnapshot", new Dictionary<string, object?>
        {
            ["AffectedSystem"] = SimulatedCim.ComputerSystemReference(vm.Id),
            ["SnapshotType"] = HyperVSchema.SnapshotKind.Full,
        }, Token).WaitAsync(s_wait, Token);
        sim.Time.Advance(TimeSpan.FromSeconds(10));
        var job = await session.GetAsync(JobOf(result), Token).WaitAsync(s_wait, Token);
        var created = await session.AssociatorsAsync(JobOf(result), HyperVSchema.AffectedJobElement, HyperVSchema.SettingData, Token)
            .WaitAsync(s_wait, Token);

        Assert.Equal(HyperVSchema.JobState.Completed, job.GetUInt16("JobState"));
        Assert.Equal(HyperVSchema.InstanceIdFor(vm.CurrentCheckpointId!.Value), Assert.Single(created).GetString("InstanceID"));
    }

    private static (SimulatorHarness Sim, SimulatedHost Host) HostWithVm()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost("HV01");
        var vm = AddVm(host, "APP01");
        sim.Checkpoint(host, vm);
        return (sim, host);
    }

    private static ICimSession Open(SimulatorHarness sim, string name, TimeSpan? timeout = null) =>
        new SimulatorTransportProvider(sim.Fleet).Open(new CimConnection(
            name, new Uri($"sim://{name}"), CimTransport.Simulator, null, timeout ?? TimeSpan.FromSeconds(30)));

    /// <summary>What the inventory reader does: three queries, then the mapper.</summary>
    private static async Task<IReadOnlyList<VirtualMachine>> ReadAsync(ICimSession session)
    {
        var systems = await session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery, Token).WaitAsync(s_wait, Token);
        var settings = await session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.SettingsQuery, Token).WaitAsync(s_wait, Token);
        var storage = await session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.StorageQuery, Token).WaitAsync(s_wait, Token);
        return HyperVMapper.MapVirtualMachines(session.HostName, null, systems, settings, storage, _ => null);
    }
}
