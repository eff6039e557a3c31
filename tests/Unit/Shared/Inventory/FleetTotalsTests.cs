using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Inventory.InventoryTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Inventory;

public class FleetTotalsTests
{
    private static HostStatus Host(string name, HostState state) => new() { Name = name, Endpoint = $"sim://{name}", State = state };

    [Fact]
    public void Compute_Hosts_CountsEachStateAndConnectingForNeverRead()
    {
        HostStatus[] hosts =
        [
            Host("HV01", HostState.Online),
            Host("HV02", HostState.Online),
            Host("HV03", HostState.Offline),
            Host("HV04", HostState.Connecting),
        ];

        var totals = FleetTotals.Compute(hosts, 2, []);

        Assert.Equal(4, totals.Hosts);
        Assert.Equal(2, totals.HostsOnline);
        Assert.Equal(1, totals.HostsOffline);
        Assert.Equal(1, totals.HostsConnecting);
        Assert.Equal(2, totals.Clusters);
    }

    [Fact]
    public void Compute_Vms_CountsRunningCheckpointsBytesAndStale()
    {
        var withCheckpoints = Vm(
            [Cp(1, null, 0, disks: Disk(@"C:\a.vhdx")), Cp(2, 1, 10, disks: Disk(@"C:\b.avhdx", 300))],
            current: 2,
            id: G(100));
        withCheckpoints = withCheckpoints with { Stats = withCheckpoints.Stats with { HeldBytes = 1_234 } };
        VirtualMachine[] vms =
        [
            withCheckpoints,
            Vm([], null, id: G(101), state: VmState.Off),
            Vm([Cp(3, null, 0)], null, id: G(102), state: VmState.Saved) with { StaleSince = T0 },
            Vm([], null, id: G(103), state: VmState.Running) with { StaleSince = T0 },
        ];

        var totals = FleetTotals.Compute([], 0, vms);

        Assert.Equal(4, totals.Vms);
        Assert.Equal(2, totals.VmsRunning);
        Assert.Equal(2, totals.VmsWithCheckpoints);
        Assert.Equal(3, totals.Checkpoints);
        Assert.Equal(1_234, totals.CheckpointBytes);
        Assert.Equal(2, totals.StaleVms);
    }

    [Fact]
    public void Compute_Empty_IsAllZero()
    {
        Assert.Equal(new FleetTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), FleetTotals.Compute([], 0, []));
    }
}
