using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.SimulatorHarness;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Model;

/// <summary>Failover, migration and the cluster name moving between Up nodes.</summary>
public sealed class SimulatedClusterTests
{
    [Fact]
    public void FailNode_NodeWithVms_GoesDownAndItsVmsFailOverToSurvivors()
    {
        var (_, cluster) = ThreeNodeCluster();
        var failed = cluster.Nodes[0];
        var moved = failed.Vms.Select(v => v.Id).ToList();

        cluster.FailNode("prod-hv01");

        Assert.True(failed.Faults.Unreachable);
        Assert.Equal(ClusterNodeState.Down, cluster.StateOf("PROD-HV01"));
        Assert.Empty(failed.Vms);
        Assert.All(moved, id => Assert.Contains(cluster.Nodes.Skip(1), n => n.FindVm(id) is not null));
        Assert.Equal(5, cluster.Vms().Count);
        Assert.All(cluster.Vms(), pair => Assert.NotSame(failed, pair.Owner));
        var nodes = new SimulatedCimServer(cluster.Nodes[1]).Query(CimNamespaces.Cluster, "SELECT Name, State FROM MSCluster_Node");
        Assert.Equal(1L, Assert.Single(nodes, n => n.GetString("Name") == "PROD-HV01").GetSignedState("State"));
    }

    [Fact]
    public void FailNode_SurvivorsServeTheMovedVmsOverCim()
    {
        var (_, cluster) = ThreeNodeCluster();
        var moved = cluster.Nodes[0].Vms.Select(v => SimulatedCim.FormatGuid(v.Id)).ToList();

        cluster.FailNode("PROD-HV01");

        var served = cluster.Nodes.Skip(1)
            .SelectMany(n => new SimulatedCimServer(n).Query(CimNamespaces.Virtualization, "SELECT Name FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'"))
            .Select(i => i.GetString("Name"))
            .ToList();
        Assert.All(moved, name => Assert.Single(served, s => s == name));
        Assert.Equal(5, served.Count);
    }

    [Fact]
    public void Migrate_Vm_MovesToTargetNodeAndClusterReportsNewOwner()
    {
        var (_, cluster) = ThreeNodeCluster();
        var vm = cluster.Nodes[0].Vms[0];

        cluster.Migrate(vm.Id, "PROD-HV03");

        Assert.Null(cluster.Nodes[0].FindVm(vm.Id));
        Assert.Same(vm, cluster.Nodes[2].FindVm(vm.Id));
        var resources = new SimulatedCimServer(cluster.Nodes[1]).Query(CimNamespaces.Cluster,
            "SELECT Name, OwnerNode, PrivateProperties FROM MSCluster_Resource WHERE Type = 'Virtual Machine'");
        var resource = Assert.Single(resources, r => r.GetInstance("PrivateProperties")?.GetString("VmID") is { } id && Guid.Parse(id) == vm.Id);
        Assert.Equal("PROD-HV03", resource.GetString("OwnerNode"));
    }

    [Fact]
    public void Migrate_UnknownNode_Throws()
    {
        var (_, cluster) = ThreeNodeCluster();

        Assert.Throws<ArgumentException>(() => cluster.Migrate(cluster.Nodes[0].Vms[0].Id, "ELSEWHERE"));
    }

    [Fact]
    public void RestoreNode_FailedNode_ComesBackUpEmpty()
    {
        var (_, cluster) = ThreeNodeCluster();
        cluster.FailNode("PROD-HV02");

        cluster.RestoreNode("PROD-HV02");

        Assert.Equal(ClusterNodeState.Up, cluster.StateOf("PROD-HV02"));
        Assert.False(cluster.Nodes[1].Faults.Unreachable);
        Assert.Empty(cluster.Nodes[1].Vms);
    }

    /// <summary>PROD with three nodes: three VMs on the first, one each on the others.</summary>
    internal static (SimulatorHarness Sim, SimulatedCluster Cluster) ThreeNodeCluster()
    {
        var sim = new SimulatorHarness();
        var cluster = sim.Fleet.AddCluster("PROD", ["PROD-HV01", "PROD-HV02", "PROD-HV03"]);
        AddVm(cluster.Nodes[0], "PRD-SQL01");
        AddVm(cluster.Nodes[0], "PRD-APP01");
        AddVm(cluster.Nodes[0], "PRD-WEB01", VmState.Off);
        AddVm(cluster.Nodes[1], "PRD-WEB02");
        AddVm(cluster.Nodes[2], "PRD-DC01");
        return (sim, cluster);
    }
}
