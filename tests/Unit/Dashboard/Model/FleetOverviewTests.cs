using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class FleetOverviewTests
{
    [Fact]
    public void Build_FindsOldestUserCheckpointWorstOffendersAndTroubledHosts()
    {
        var oldVm = Fleets.Vm("OLD", checkpoints: 1, oldestDays: 400, bytesPerCheckpoint: 10);
        var big = Fleets.Vm("BIG", checkpoints: 2, oldestDays: 5, bytesPerCheckpoint: 1000);
        var clean = Fleets.Vm("CLEAN");
        var snapshot = Fleets.Snapshot([oldVm, big, clean],
        [
            Fleets.Host("HV01"),
            Fleets.Host("HV02", HostState.Offline, error: "connection refused", kind: HostErrorKind.Unreachable),
            Fleets.Host("HV03", HostState.Online, error: "Disk sizes could not be measured"),
        ]);

        var overview = FleetOverview.Build(snapshot);

        Assert.Equal("OLD", overview.Oldest!.Value.Vm.Name);
        Assert.Equal(["BIG", "OLD"], overview.WorstOffenders.Select(v => v.Name));
        Assert.Equal(["HV02", "HV03"], overview.HostsInTrouble.Select(h => h.Name));
    }

    [Theory]
    [InlineData("DC01", true)]
    [InlineData("PRD-DC02", true)]
    [InlineData("corp_dc_3", true)]
    [InlineData("corp-dc", true)]
    [InlineData("DCHP-SERVER", false)]
    [InlineData("SQL-DC-01", true)]
    [InlineData("ADC01", false)]
    public void LooksLikeDomainController_UsesADcTokenInTheName(string name, bool expected) =>
        Assert.Equal(expected, FleetOverview.LooksLikeDomainController(name));

    [Fact]
    public void Build_CountsDomainControllersStillOnStandard()
    {
        var snapshot = Fleets.Snapshot(
        [
            Fleets.Vm("PRD-DC01", type: CheckpointType.Standard),
            Fleets.Vm("PRD-DC02", type: CheckpointType.ProductionOnly),
            Fleets.Vm("PRD-WEB01", type: CheckpointType.Standard),
        ]);

        Assert.Equal(1, FleetOverview.Build(snapshot).StandardOnDomainControllers);
    }
}
