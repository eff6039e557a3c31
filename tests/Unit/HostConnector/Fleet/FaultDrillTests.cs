using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

/// <summary>
/// The fast fault drill of issue 8: a fleet of 40 hosts with 10% down, 10% slower than the timeout, 5% answering
/// malformed XML and 5% rejecting the credentials. A refresh settles every host once the per-host timeout has passed on
/// the clock; every healthy host's data is complete; every broken host shows its own reason.
/// </summary>
public sealed class FaultDrillTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task MixedFaults_SettleWithinTheTimeout_HealthyHostsComplete_EachBrokenHostItsOwnReason()
    {
        var fleet = new SimulatedFleet(_time, seed: 11);
        var expected = new Dictionary<string, (HostState State, HostErrorKind Kind)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < 40; i++)
        {
            var name = $"HV{i:00}";
            var host = fleet.AddHost(name);
            SimulatedFleetBuilder.AddVms(host, 3, name + "-VM");
            (host.Faults, expected[name]) = i switch
            {
                < 4 => (new HostFaults { Unreachable = true }, (HostState.Offline, HostErrorKind.Unreachable)),
                < 8 => (new HostFaults { Latency = TimeSpan.FromMinutes(10) }, (HostState.Offline, HostErrorKind.Timeout)),
                < 10 => (new HostFaults { Malformed = true }, (HostState.Offline, HostErrorKind.MalformedResponse)),
                < 12 => (new HostFaults { RejectCredentials = true }, (HostState.Offline, HostErrorKind.AuthenticationFailed)),
                _ => (HostFaults.None, (HostState.Online, HostErrorKind.None)),
            };
        }

        var options = InventoryHarness.FastOptions();
        await using var harness = InventoryHarness.Start(fleet, options);

        // Before the clock moves, everything but the slow hosts has settled: nobody waits for them.
        var snapshot = await harness.WaitForAsync(s => s.Hosts.Count(h => h.State != HostState.Connecting) == 36);
        Assert.All(snapshot.Hosts.Where(h => h.State == HostState.Connecting), h => Assert.Equal(HostErrorKind.Timeout, expected[h.Name].Kind));

        // Past the per-host timeout (plus one step of margin), every host has its answer. The slow hosts' requests may
        // arm their timeouts late on a busy machine, so the clock keeps moving in steps until they fire.
        var deadline = options.HostTimeout + options.OperationTimeout;
        for (var moved = TimeSpan.Zero; moved <= deadline * 4 && snapshot.Hosts.Any(h => h.State == HostState.Connecting); moved += options.OperationTimeout)
        {
            _time.Advance(options.OperationTimeout);
            try
            {
                snapshot = await harness.WaitForAsync(s => s.Hosts.All(h => h.State != HostState.Connecting), TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                snapshot = harness.Inventory.Current;
            }
        }

        Assert.All(snapshot.Hosts, h =>
        {
            Assert.Equal(expected[h.Name].State, h.State);
            Assert.Equal(expected[h.Name].Kind, h.LastErrorKind);
            if (h.State == HostState.Offline)
            {
                Assert.False(string.IsNullOrWhiteSpace(h.LastError), $"{h.Name} is offline without a reason");
            }
        });
        var healthy = expected.Where(e => e.Value.State == HostState.Online).Select(e => e.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(healthy.Count * 3, snapshot.Vms.Count(v => healthy.Contains(v.Host)));
        Assert.All(healthy, name => Assert.Equal(
            fleet.FindHost(name)!.Locked(() => fleet.FindHost(name)!.Vms.Select(v => v.Name).Order(StringComparer.Ordinal).ToList()),
            snapshot.Vms.Where(v => v.Host == name).Select(v => v.Name).Order(StringComparer.Ordinal).ToList()));
        Assert.DoesNotContain(snapshot.Vms, v => !healthy.Contains(v.Host));
    }
}
