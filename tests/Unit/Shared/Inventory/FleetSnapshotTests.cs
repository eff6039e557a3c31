using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Inventory.InventoryTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Inventory;

public class FleetSnapshotTests
{
    private static FleetSnapshot Snapshot() => new(
        7,
        T0,
        isSimulated: false,
        [
            new HostStatus { Name = "HV01", Endpoint = "https://hv01:5986/wsman", State = HostState.Online },
            new HostStatus { Name = "HV02", Endpoint = "https://hv02:5986/wsman", State = HostState.Offline },
        ],
        [],
        [Vm([], null, id: G(1), name: "DC01"), Vm([Cp(5, null, 0)], null, id: G(2), name: "SQL01", host: "HV02")]);

    [Fact]
    public void FindVm_KnownId_ReturnsThatVm()
    {
        Assert.Equal("SQL01", Snapshot().FindVm(G(2))?.Name);
    }

    [Fact]
    public void FindVm_UnknownId_IsNull()
    {
        Assert.Null(Snapshot().FindVm(G(3)));
    }

    [Theory]
    [InlineData("HV02")]
    [InlineData("hv02")]
    public void FindHost_NameInAnyCase_ReturnsHost(string name)
    {
        Assert.Equal(HostState.Offline, Snapshot().FindHost(name)?.State);
    }

    [Fact]
    public void FindHost_UnknownName_IsNull()
    {
        Assert.Null(Snapshot().FindHost("HV03"));
    }

    [Fact]
    public void Constructor_ComputesTotalsFromContent()
    {
        var snapshot = Snapshot();

        Assert.Equal(2, snapshot.Totals.Hosts);
        Assert.Equal(1, snapshot.Totals.HostsOffline);
        Assert.Equal(2, snapshot.Totals.Vms);
        Assert.Equal(1, snapshot.Totals.Checkpoints);
    }

    [Fact]
    public void Empty_HasNothingAndVersionZero()
    {
        var empty = FleetSnapshot.Empty(T0, isSimulated: true);

        Assert.Equal(0, empty.Version);
        Assert.True(empty.IsSimulated);
        Assert.Empty(empty.Vms);
        Assert.Null(empty.FindVm(G(1)));
        Assert.Null(empty.FindHost("HV01"));
    }
}
