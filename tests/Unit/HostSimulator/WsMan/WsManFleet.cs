using CheckpointDashboard.HostSimulator.Model;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;

/// <summary>
/// The small hand-made fleet of the WS-Management tests, on a fake clock: cluster CLU01 (nodes CLU01-N1 and
/// CLU01-N2, one VM each) added first, then standalone hosts HV01 (three VMs, the first with a checkpoint) and HV02.
/// <c>/wsman</c> must answer as HV01: the first standalone host, not the first host.
/// </summary>
internal sealed class WsManFleet
{
    public WsManFleet(int vmsOnHv01 = 3)
    {
        Sim = new SimulatorHarness();
        Cluster = Sim.Fleet.AddCluster("CLU01", ["CLU01-N1", "CLU01-N2"]);
        ClusterVms = [SimulatorHarness.AddVm(Cluster.Nodes[0], "CLU-VM1"), SimulatorHarness.AddVm(Cluster.Nodes[1], "CLU-VM2")];
        (Hv01, _) = Sim.AddHost("HV01");
        Vms = [.. Enumerable.Range(1, vmsOnHv01).Select(i => SimulatorHarness.AddVm(Hv01, $"VM{i:00}"))];
        Sim.Checkpoint(Hv01, Vms[0]);
        (Hv02, _) = Sim.AddHost("HV02");
        SimulatorHarness.AddVm(Hv02, "OTHER-VM");
    }

    public SimulatorHarness Sim { get; }

    public SimulatedFleet Fleet => Sim.Fleet;

    public SimulatedCluster Cluster { get; }

    public IReadOnlyList<SimulatedVm> ClusterVms { get; }

    public SimulatedHost Hv01 { get; }

    public SimulatedHost Hv02 { get; }

    public IReadOnlyList<SimulatedVm> Vms { get; }
}
