using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

/// <summary>
/// The fleet inventory against a simulated fleet through the in-process CIM transport, on a fake clock: per-host
/// loops, cluster discovery and de-duplication, stale data, and hosts that are dead, slow, broken or hostile.
/// </summary>
public sealed class FleetInventoryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Start_FleetWithClusterAndStandaloneHosts_ReadsEveryVmOnceWithItsCluster()
    {
        var fleet = new SimulatedFleet(_time, seed: 7);
        var cluster = fleet.AddCluster("CLU", ["CLU-N1", "CLU-N2", "CLU-N3"]);
        foreach (var node in cluster.Nodes)
        {
            SimulatedFleetBuilder.AddVms(node, 4, node.Name + "-VM", @"C:\ClusterStorage\Volume1");
        }

        SimulatedFleetBuilder.AddVms(fleet.AddHost("HV-A"), 5, "A-VM");
        SimulatedFleetBuilder.AddVms(fleet.AddHost("HV-B"), 2, "B-VM");

        await using var harness = InventoryHarness.Start(fleet, InventoryHarness.FastOptions());
        var snapshot = await harness.WaitForAsync(s => s.Hosts.Length == 5 && s.Hosts.All(h => h.State == HostState.Online));

        Assert.Equal(19, snapshot.Vms.Length);
        Assert.Equal(snapshot.Vms.Length, snapshot.Vms.Select(v => v.Id).Distinct().Count());
        Assert.All(snapshot.Vms.Where(v => v.Host.StartsWith("CLU-", StringComparison.Ordinal)), v => Assert.Equal("CLU", v.Cluster));
        Assert.All(snapshot.Vms.Where(v => v.Host.StartsWith("HV-", StringComparison.Ordinal)), v => Assert.Null(v.Cluster));
        var clusterInfo = Assert.Single(snapshot.Clusters);
        Assert.Equal(["CLU-N1", "CLU-N2", "CLU-N3"], clusterInfo.Nodes.Select(n => n.Name));
        Assert.Equal(12, clusterInfo.VmResourceCount);
        Assert.True(snapshot.IsSimulated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(80)]
    public async Task Refresh_AnyVmCount_TakesThreeRequestsPerHost(int vmCount)
    {
        var fleet = new SimulatedFleet(_time);
        var host = fleet.AddHost("HV-A");
        var vms = SimulatedFleetBuilder.AddVms(host, vmCount, "VM");
        foreach (var vm in vms.Take(10))
        {
            // Checkpoints add setting data and disks, not requests.
            vm.Checkpoints.Add(new SimulatedCheckpoint { Id = fleet.NewGuid(), Name = "cp", Created = _time.GetUtcNow().AddDays(-3), Disks = [.. vm.Disks] });
        }

        await using var harness = InventoryHarness.Start(fleet, InventoryHarness.FastOptions());
        var snapshot = await harness.WaitForAsync(s => s.FindHost("HV-A")?.State == HostState.Online);

        Assert.Equal(3, snapshot.FindHost("HV-A")!.Requests);
        Assert.Equal(3, host.Requests);
        Assert.Equal(vmCount, snapshot.Vms.Length);
    }

    [Fact]
    public async Task Refresh_WithDiskScans_MeasuresSizesInBoundedExtraRequests()
    {
        var fleet = new SimulatedFleet(_time);
        var host = fleet.AddHost("HV-A");
        SimulatedFleetBuilder.AddVms(host, 6, "VM");
        var options = InventoryHarness.FastOptions();
        options.MaxDiskScansPerRefresh = 4;

        await using var harness = InventoryHarness.Start(fleet, options);
        var first = await harness.WaitForAsync(s => s.FindHost("HV-A")?.State == HostState.Online);

        Assert.Equal(3 + 4, first.FindHost("HV-A")!.Requests);
        Assert.Equal(4, first.Vms.Count(v => v.Disks.All(d => d.SizeBytes == 10L * 1024 * 1024 * 1024)));

        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        var second = harness.Inventory.Current;
        Assert.Equal(3 + 2, second.FindHost("HV-A")!.Requests);
        Assert.All(second.Vms, v => Assert.All(v.Disks, d => Assert.NotNull(d.SizeBytes)));

        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        Assert.Equal(3, harness.Inventory.Current.FindHost("HV-A")!.Requests);
    }

    [Fact]
    public async Task Refresh_DeadAndSlowHosts_NeverDelayOrHideTheHealthyOnes()
    {
        var fleet = new SimulatedFleet(_time);
        SimulatedFleetBuilder.AddVms(fleet.AddHost("HV-OK1"), 3, "OK1-");
        SimulatedFleetBuilder.AddVms(fleet.AddHost("HV-OK2"), 3, "OK2-");
        SimulatedFleetBuilder.AddVms(fleet.AddHost("HV-DEAD"), 3, "DEAD-");
        SimulatedFleetBuilder.AddVms(fleet.AddHost("HV-SLOW"), 3, "SLOW-");
        fleet.FindHost("HV-DEAD")!.Faults = new HostFaults { Unreachable = true };
        fleet.FindHost("HV-SLOW")!.Faults = new HostFaults { Latency = TimeSpan.FromMinutes(10) };

        await using var harness = InventoryHarness.Start(fleet, InventoryHarness.FastOptions());

        // The fake clock has not moved: the slow host is still waiting on its first request, yet the healthy
        // hosts are complete and the dead one already reports why.
        var snapshot = await harness.WaitForAsync(s =>
            s.FindHost("HV-OK1")?.State == HostState.Online && s.FindHost("HV-OK2")?.State == HostState.Online &&
            s.FindHost("HV-DEAD")?.State == HostState.Offline);
        Assert.Equal(HostState.Connecting, snapshot.FindHost("HV-SLOW")!.State);
        Assert.Equal(6, snapshot.Vms.Length);
        var dead = snapshot.FindHost("HV-DEAD")!;
        Assert.Equal(HostErrorKind.Unreachable, dead.LastErrorKind);
        Assert.Contains("connection refused", dead.LastError, StringComparison.OrdinalIgnoreCase);

        // The slow host's operation timeout fires once the clock passes it; the others are untouched. On a busy machine
        // its request may not have armed that timeout yet when the clock first moves, so keep moving it until it fires.
        snapshot = harness.Inventory.Current;
        for (var attempt = 0; attempt < 20 && snapshot.FindHost("HV-SLOW")?.State != HostState.Offline; attempt++)
        {
            _time.Advance(TimeSpan.FromSeconds(3));
            try
            {
                snapshot = await harness.WaitForAsync(s => s.FindHost("HV-SLOW")?.State == HostState.Offline, TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                snapshot = harness.Inventory.Current;
            }
        }

        Assert.Equal(HostState.Offline, snapshot.FindHost("HV-SLOW")?.State);
        Assert.Equal(HostErrorKind.Timeout, snapshot.FindHost("HV-SLOW")!.LastErrorKind);
        Assert.Equal(6, snapshot.Vms.Length);
        Assert.Equal(HostState.Online, snapshot.FindHost("HV-OK1")!.State);
    }

    [Fact]
    public async Task Refresh_HostStopsAnswering_KeepsItsLastDataMarkedStaleUntilItAnswersAgain()
    {
        var fleet = new SimulatedFleet(_time);
        var host = fleet.AddHost("HV-A");
        SimulatedFleetBuilder.AddVms(host, 3, "VM");
        await using var harness = InventoryHarness.Start(fleet, InventoryHarness.FastOptions());
        await harness.WaitForAsync(s => s.FindHost("HV-A")?.State == HostState.Online);

        host.Faults = new HostFaults { Unreachable = true };
        var failedAt = _time.GetUtcNow();
        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);

        var snapshot = harness.Inventory.Current;
        var status = snapshot.FindHost("HV-A")!;
        Assert.Equal(HostState.Offline, status.State);
        Assert.Equal(failedAt, status.StaleSince);
        Assert.Equal(3, snapshot.Vms.Length);
        Assert.All(snapshot.Vms, vm => Assert.Equal(failedAt, vm.StaleSince));
        Assert.Equal(3, snapshot.Totals.StaleVms);

        host.Faults = HostFaults.None;
        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        snapshot = harness.Inventory.Current;
        Assert.Equal(HostState.Online, snapshot.FindHost("HV-A")!.State);
        Assert.Null(snapshot.FindHost("HV-A")!.StaleSince);
        Assert.All(snapshot.Vms, vm => Assert.Null(vm.StaleSince));
    }

    [Theory]
    [InlineData("malformed", HostErrorKind.MalformedResponse, "Msvm_ComputerSystem.Name")]
    [InlineData("credentials", HostErrorKind.AuthenticationFailed, "rejected the credentials")]
    [InlineData("errors", HostErrorKind.ProviderError, "provider failed")]
    public async Task Refresh_BrokenHost_ShowsItsOwnReason(string fault, HostErrorKind kind, string message)
    {
        var fleet = new SimulatedFleet(_time);
        SimulatedFleetBuilder.AddVms(fleet.AddHost("HV-OK"), 2, "OK");
        SimulatedFleetBuilder.AddVms(fleet.AddHost("HV-BAD"), 2, "BAD");
        fleet.FindHost("HV-BAD")!.Faults = fault switch
        {
            "malformed" => new HostFaults { Malformed = true },
            "credentials" => new HostFaults { RejectCredentials = true },
            _ => new HostFaults { ErrorRate = 1.0 },
        };

        await using var harness = InventoryHarness.Start(fleet, InventoryHarness.FastOptions());
        var snapshot = await harness.WaitForAsync(s => s.FindHost("HV-BAD")?.State == HostState.Offline && s.FindHost("HV-OK")?.State == HostState.Online);

        var bad = snapshot.FindHost("HV-BAD")!;
        Assert.Equal(kind, bad.LastErrorKind);
        Assert.Contains(message, bad.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, snapshot.Vms.Length);
        Assert.All(snapshot.Vms, vm => Assert.Equal("HV-OK", vm.Host));
    }

    [Fact]
    public async Task Refresh_RepeatedFailures_OpenTheCircuitButKeepTheRealReasonAndRecover()
    {
        var fleet = new SimulatedFleet(_time);
        var host = fleet.AddHost("HV-A");
        SimulatedFleetBuilder.AddVms(host, 1, "VM");
        host.Faults = new HostFaults { Unreachable = true };
        await using var harness = InventoryHarness.Start(fleet, InventoryHarness.FastOptions());
        await harness.WaitForAsync(s => s.FindHost("HV-A")?.State == HostState.Offline);
        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        var requestsBefore = host.Requests;

        // Three failures opened the circuit: the next attempt fails fast without touching the host.
        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        var status = harness.Inventory.Current.FindHost("HV-A")!;
        Assert.Equal(requestsBefore, host.Requests);
        Assert.Equal(HostErrorKind.Unreachable, status.LastErrorKind);
        Assert.Contains("connection refused", status.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("circuit open", status.LastError, StringComparison.OrdinalIgnoreCase);

        // The host comes back; once the break is over, a trial attempt goes through and closes the circuit.
        host.Faults = HostFaults.None;
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        Assert.Equal(HostState.Online, harness.Inventory.Current.FindHost("HV-A")!.State);
    }

    [Fact]
    public async Task Refresh_FailuresSpreadOutByTheBackoff_StillOpenTheCircuitAfterTheConfiguredCount()
    {
        // The production defaults: a refresh every 30 s, doubling to 5 min while a host fails; 5 failures open the circuit.
        var options = new FleetOptions { PublishCoalescing = TimeSpan.Zero, MaxDiskScansPerRefresh = 0 };
        var fleet = new SimulatedFleet(_time);
        var host = fleet.AddHost("HV-A");
        SimulatedFleetBuilder.AddVms(host, 1, "VM");
        host.Faults = new HostFaults { RejectCredentials = true };
        await using var harness = InventoryHarness.Start(fleet, options);
        await harness.WaitForAsync(s => s.FindHost("HV-A")?.State == HostState.Offline);

        // Each next attempt comes as late as the backoff's shortest jittered wait (so the loop's own timer never fires
        // first and each attempt happens exactly once): 27 s, 54 s, 108 s, 216 s apart, 405 s in all.
        for (var failures = 1; failures < options.CircuitBreakerFailures; failures++)
        {
            var backoff = TimeSpan.FromTicks(Math.Min(options.RefreshInterval.Ticks << (failures - 1), options.MaxBackoff.Ticks));
            _time.Advance((backoff * 0.9) - TimeSpan.FromSeconds(1));
            await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        }

        Assert.Equal(options.CircuitBreakerFailures, host.Requests);
        Assert.DoesNotContain("circuit open", harness.Inventory.Current.FindHost("HV-A")!.LastError, StringComparison.OrdinalIgnoreCase);

        // Five failures in a row, however far apart the backoff put them: the circuit is open and a refresh fails fast.
        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        var status = harness.Inventory.Current.FindHost("HV-A")!;
        Assert.Equal(options.CircuitBreakerFailures, host.Requests);
        Assert.Equal(HostErrorKind.AuthenticationFailed, status.LastErrorKind);
        Assert.Contains("circuit open", status.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refresh_NodeFailsAndItsVmsFailOver_EachVmCountedOnceOnItsNewOwner()
    {
        var fleet = new SimulatedFleet(_time, seed: 3);
        var cluster = fleet.AddCluster("CLU", ["CLU-N1", "CLU-N2"]);
        var moving = SimulatedFleetBuilder.AddVms(cluster.Nodes[0], 3, "N1-VM", @"C:\ClusterStorage\Volume1");
        SimulatedFleetBuilder.AddVms(cluster.Nodes[1], 2, "N2-VM", @"C:\ClusterStorage\Volume1");
        await using var harness = InventoryHarness.Start(fleet, InventoryHarness.FastOptions());
        await harness.WaitForAsync(s => s.Hosts.Length == 2 && s.Hosts.All(h => h.State == HostState.Online));

        cluster.FailNode("CLU-N1");
        await harness.Inventory.RefreshAsync("CLU", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        var snapshot = await harness.WaitForAsync(s =>
            s.FindHost("CLU-N1")?.State == HostState.Offline && s.Clusters[0].Nodes.Any(n => n.State == ClusterNodeState.Down));

        // N1's stale copies and N2's fresh copies of the same VMs: each VM appears once, on N2, not stale.
        Assert.Equal(5, snapshot.Vms.Length);
        Assert.All(moving, vm =>
        {
            var shown = snapshot.FindVm(vm.Id)!;
            Assert.Equal("CLU-N2", shown.Host);
            Assert.Null(shown.StaleSince);
        });
    }

    [Fact]
    public async Task WatchAsync_CheckpointTakenOnHost_PublishesASnapshotWithIt()
    {
        var fleet = new SimulatedFleet(_time);
        var host = fleet.AddHost("HV-A");
        var vm = SimulatedFleetBuilder.AddVms(host, 1, "VM")[0];
        await using var harness = InventoryHarness.Start(fleet, InventoryHarness.FastOptions());
        var before = await harness.WaitForAsync(s => s.FindHost("HV-A")?.State == HostState.Online);

        var outcome = host.CreateSnapshot(vm.Id, 2);
        _time.Advance(outcome.Job!.Duration);
        await harness.Inventory.RefreshAsync("HV-A", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);

        var after = await harness.WaitForAsync(s => s.FindVm(vm.Id)?.Stats.Count == 1);
        Assert.True(after.Version > before.Version);
        var shown = after.FindVm(vm.Id)!;
        Assert.Equal(shown.Checkpoints[0].Id, shown.CurrentCheckpointId);
        Assert.Single(shown.Checkpoints[0].HeldDisks);
    }

    [Fact]
    public async Task RefreshAsync_UnknownName_SaysSo()
    {
        var fleet = new SimulatedFleet(_time);
        fleet.AddHost("HV-A");
        await using var harness = InventoryHarness.Start(fleet, InventoryHarness.FastOptions());

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => harness.Inventory.RefreshAsync("NOPE", TestContext.Current.CancellationToken));
        Assert.Contains("NOPE", error.Message, StringComparison.Ordinal);
    }
}
