using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Model;

/// <summary>Which host answers for a name: a host itself, or an Up node for a cluster name.</summary>
public sealed class SimulatedFleetTests
{
    [Fact]
    public void Resolve_ClusterName_ReturnsAnUpNodeAndSkipsFailedOnes()
    {
        var (sim, cluster) = SimulatedClusterTests.ThreeNodeCluster();

        var before = sim.Fleet.Resolve("prod");
        cluster.FailNode(before!.Name);
        var after = sim.Fleet.Resolve("PROD");

        Assert.Contains(before, cluster.Nodes);
        Assert.NotNull(after);
        Assert.NotSame(before, after);
        Assert.Equal(CheckpointDashboard.Shared.Inventory.ClusterNodeState.Up, cluster.StateOf(after.Name));
        Assert.False(after.Faults.Unreachable);
    }

    [Fact]
    public void Resolve_EveryNodeFailed_ReturnsNull()
    {
        var (sim, cluster) = SimulatedClusterTests.ThreeNodeCluster();

        foreach (var node in cluster.Nodes.ToList())
        {
            cluster.FailNode(node.Name);
        }

        Assert.Null(sim.Fleet.Resolve("PROD"));
    }

    [Fact]
    public void Resolve_HostNameOrUnknownName_ReturnsHostOrNull()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost("HV-BRANCH01");

        Assert.Same(host, sim.Fleet.Resolve("hv-branch01"));
        Assert.Null(sim.Fleet.Resolve("HV-NOWHERE"));
    }

    [Fact]
    public void AddCluster_NameOfExistingHost_Throws()
    {
        var sim = new SimulatorHarness();
        sim.AddHost("HV01");

        Assert.Throws<ArgumentException>(() => sim.Fleet.AddCluster("HV01", ["N1"]));
    }
}
