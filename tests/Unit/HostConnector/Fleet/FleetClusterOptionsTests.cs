using CheckpointDashboard.HostConnector.Fleet;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

public class FleetClusterOptionsTests
{
    [Fact]
    public void NodeEndpointFor_ClusterFqdn_KeepsDnsSuffixPortAndPath()
    {
        var cluster = new FleetClusterOptions { Name = "CLU01", Endpoint = "https://clu01.corp.example.com:8443/custom/wsman" };

        var endpoint = cluster.NodeEndpointFor("HV01");

        Assert.Equal(new Uri("https://hv01.corp.example.com:8443/custom/wsman"), new Uri(endpoint));
    }

    [Fact]
    public void NodeEndpointFor_HttpClusterEndpoint_KeepsSchemeAndPort()
    {
        var cluster = new FleetClusterOptions { Name = "CLU01", Endpoint = "http://clu01.lab.local:5985/wsman" };

        Assert.Equal(new Uri("http://hv02.lab.local:5985/wsman"), new Uri(cluster.NodeEndpointFor("HV02")));
    }

    [Fact]
    public void NodeEndpointFor_NodeNameAlreadyQualified_IsUsedAsIs()
    {
        var cluster = new FleetClusterOptions { Name = "CLU01", Endpoint = "https://clu01.corp.example.com:5986/wsman" };

        Assert.Equal(new Uri("https://hv01.other.example.net:5986/wsman"), new Uri(cluster.NodeEndpointFor("hv01.other.example.net")));
    }

    [Fact]
    public void NodeEndpointFor_DefaultClusterEndpoint_IsTheNodesDefaultEndpoint()
    {
        var cluster = new FleetClusterOptions { Name = "CLU01" };

        Assert.Equal(new Uri("https://HV01:5986/wsman"), new Uri(cluster.NodeEndpointFor("HV01")));
    }

    [Theory]
    [InlineData("https://10.1.2.3:5986/wsman", "https://hv01:5986/wsman")]
    [InlineData("https://[fd00::1]:5986/wsman", "https://hv01:5986/wsman")]
    public void NodeEndpointFor_IpAddressEndpoint_UsesTheBareNodeName(string clusterEndpoint, string expected)
    {
        var cluster = new FleetClusterOptions { Name = "CLU01", Endpoint = clusterEndpoint };

        Assert.Equal(new Uri(expected), new Uri(cluster.NodeEndpointFor("HV01")));
    }

    [Theory]
    [InlineData("https://{node}.corp.example.com:5986/wsman", "https://HV01.corp.example.com:5986/wsman")]
    [InlineData("http://{NODE}:5985/wsman", "http://HV01:5985/wsman")]
    [InlineData("sim://{node}", "sim://HV01")]
    public void NodeEndpointFor_Template_ReplacesNodePlaceholderVerbatim(string template, string expected)
    {
        var cluster = new FleetClusterOptions { Name = "CLU01", Endpoint = "https://clu01.corp.example.com:5986/wsman", NodeEndpoint = template };

        Assert.Equal(expected, cluster.NodeEndpointFor("HV01"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void NodeEndpointFor_BlankNode_Throws(string node)
    {
        var cluster = new FleetClusterOptions { Name = "CLU01" };

        Assert.Throws<ArgumentException>(() => cluster.NodeEndpointFor(node));
    }
}
