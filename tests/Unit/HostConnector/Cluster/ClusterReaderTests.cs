using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Cluster;
using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Cluster;

public class ClusterReaderTests
{
    private static readonly Guid s_vm1 = new("6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10");
    private static readonly Guid s_vm2 = new("0EC082D5-6827-457A-BAE2-F986E1B94851");

    private static CimInstance Instance(string className, params (string Name, object? Value)[] properties) =>
        new(className, CimNamespaces.Cluster, properties.Select(p => KeyValuePair.Create(p.Name, p.Value)), ["Name"]);

    private static CimInstance ClusterInstance(string name = "CLU01") => Instance("MSCluster_Cluster", ("Name", name));

    private static CimInstance Node(string name, object? state) => Instance("MSCluster_Node", ("Name", name), ("State", state));

    private static CimInstance VmResource(string name, object? vmId, string? owner, bool embedded = true)
    {
        var privateProperties = new CimInstance("MSCluster_Property", CimNamespaces.Cluster, [KeyValuePair.Create<string, object?>("VmID", vmId)]);
        return Instance("MSCluster_Resource",
            ("Name", name),
            ("Type", "Virtual Machine"),
            ("OwnerNode", owner),
            ("State", 2u),
            ("PrivateProperties", embedded ? privateProperties : null));
    }

    [Theory]
    [InlineData(0u, ClusterNodeState.Up)]
    [InlineData(1u, ClusterNodeState.Down)]
    [InlineData(2u, ClusterNodeState.Paused)]
    [InlineData(3u, ClusterNodeState.Joining)]
    [InlineData(-1, ClusterNodeState.Unknown)]
    [InlineData(4294967295u, ClusterNodeState.Unknown)]
    [InlineData(4u, ClusterNodeState.Unknown)]
    [InlineData(4294967294u, ClusterNodeState.Unknown)]
    [InlineData(null, ClusterNodeState.Unknown)]
    [InlineData("0", ClusterNodeState.Up)]
    [InlineData("2", ClusterNodeState.Paused)]
    [InlineData("-1", ClusterNodeState.Unknown)]
    [InlineData("4294967295", ClusterNodeState.Unknown)]
    public void Map_NodeState_TypedOrText_MapsToNodeState(object? state, ClusterNodeState expected)
    {
        var discovery = ClusterReader.Map([ClusterInstance()], [Node("HV01", state)], []);

        Assert.Equal(new ClusterNodeInfo("HV01", expected), Assert.Single(discovery.Nodes));
    }

    [Fact]
    public void Map_NodeStateNotANumber_ThrowsNamingState()
    {
        var error = Assert.Throws<CimMappingException>(() => ClusterReader.Map([ClusterInstance()], [Node("HV01", "Up")], []));

        Assert.Equal("MSCluster_Node", error.ClassName);
        Assert.Equal("State", error.PropertyName);
    }

    [Fact]
    public void Map_Nodes_AreSortedByNameAndClusterNameIsKept()
    {
        var discovery = ClusterReader.Map([ClusterInstance("CLU01")], [Node("hv03", 0u), Node("HV01", 1u), Node("HV02", 2u)], []);

        Assert.Equal("CLU01", discovery.ClusterName);
        Assert.Equal(["HV01", "HV02", "hv03"], discovery.Nodes.Select(n => n.Name));
        Assert.Equal(3, discovery.Requests);
    }

    [Fact]
    public void Map_VmResources_OwnerByVmIdFromPrivateProperties()
    {
        var discovery = ClusterReader.Map(
            [ClusterInstance()],
            [Node("HV01", 0u), Node("HV02", 0u)],
            [VmResource("Virtual Machine DC01", s_vm1.ToString("D").ToUpperInvariant(), "HV02"), VmResource("Virtual Machine FS01", s_vm2.ToString("B"), "HV01")]);

        Assert.Equal(2, discovery.VmOwners.Count);
        Assert.Equal("HV02", discovery.VmOwners[s_vm1]);
        Assert.Equal("HV01", discovery.VmOwners[s_vm2]);
    }

    [Fact]
    public void Map_VmResourceAsText_IsReadLikeTyped()
    {
        var resource = Instance("MSCluster_Resource",
            ("Name", "Virtual Machine DC01"),
            ("OwnerNode", "HV01"),
            ("State", "2"),
            ("PrivateProperties", new CimInstance("MSCluster_Property", CimNamespaces.Cluster,
                [KeyValuePair.Create<string, object?>("VmID", s_vm1.ToString()), KeyValuePair.Create<string, object?>("OfflineAction", "1")])));

        var discovery = ClusterReader.Map([ClusterInstance()], [], [resource]);

        Assert.Equal("HV01", discovery.VmOwners[s_vm1]);
    }

    [Fact]
    public void Map_ResourceWithoutVmIdOwnerOrPrivateProperties_IsSkipped()
    {
        var discovery = ClusterReader.Map(
            [ClusterInstance()],
            [],
            [
                VmResource("No VmID", null, "HV01"),
                VmResource("No owner", s_vm1.ToString(), null),
                VmResource("No private properties", null, "HV01", embedded: false),
                VmResource("Good", s_vm2.ToString(), "HV02"),
            ]);

        var owner = Assert.Single(discovery.VmOwners);
        Assert.Equal(s_vm2, owner.Key);
    }

    [Fact]
    public void Map_ResourceWithNonGuidVmId_ThrowsNamingPrivatePropertiesVmId()
    {
        var error = Assert.Throws<CimMappingException>(() =>
            ClusterReader.Map([ClusterInstance()], [], [VmResource("Virtual Machine DC01", "DC01", "HV01")]));

        Assert.Equal("MSCluster_Resource", error.ClassName);
        Assert.Equal("PrivateProperties.VmID", error.PropertyName);
        Assert.Contains("'DC01' is not a GUID", error.Message, StringComparison.Ordinal);
        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
    }

    [Fact]
    public void Map_PrivatePropertiesAsText_ThrowsNamingPrivateProperties()
    {
        var resource = Instance("MSCluster_Resource", ("Name", "Virtual Machine DC01"), ("OwnerNode", "HV01"), ("PrivateProperties", "<INSTANCE/>"));

        var error = Assert.Throws<CimMappingException>(() => ClusterReader.Map([ClusterInstance()], [], [resource]));

        Assert.Equal("PrivateProperties", error.PropertyName);
    }

    [Fact]
    public void Map_NoClusterInstance_ThrowsNotFoundSayingItIsNotAClusterNode()
    {
        var error = Assert.Throws<CimException>(() => ClusterReader.Map([], [Node("HV01", 0u)], []));

        Assert.Equal(CimErrorKind.NotFound, error.Kind);
        Assert.Contains("MSCluster_Cluster", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a cluster node", error.Message, StringComparison.Ordinal);
        Assert.IsNotType<CimMappingException>(error);
    }

    [Fact]
    public void Map_ClusterWithoutName_ThrowsNamingName()
    {
        var error = Assert.Throws<CimMappingException>(() => ClusterReader.Map([Instance("MSCluster_Cluster", ("Name", ""))], [], []));

        Assert.Equal("MSCluster_Cluster", error.ClassName);
        Assert.Equal("Name", error.PropertyName);
    }

    [Fact]
    public void Map_NodeWithoutName_ThrowsNamingName()
    {
        var error = Assert.Throws<CimMappingException>(() => ClusterReader.Map([ClusterInstance()], [Node("", 0u)], []));

        Assert.Equal("MSCluster_Node", error.ClassName);
        Assert.Equal("Name", error.PropertyName);
    }
}
