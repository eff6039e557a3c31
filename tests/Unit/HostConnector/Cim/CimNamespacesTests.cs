using CheckpointDashboard.HostConnector.Cim;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Cim;

public class CimNamespacesTests
{
    [Theory]
    [InlineData(@"root\virtualization\v2", CimNamespaces.Virtualization)]
    [InlineData("root/virtualization/v2", CimNamespaces.Virtualization)]
    [InlineData(@"ROOT\Virtualization\V2", CimNamespaces.Virtualization)]
    [InlineData(@"\root\virtualization\v2\", CimNamespaces.Virtualization)]
    [InlineData("root/mscluster", CimNamespaces.Cluster)]
    [InlineData(@"ROOT\MSCLUSTER", CimNamespaces.Cluster)]
    [InlineData("/root/CIMV2/", CimNamespaces.Cimv2)]
    public void Normalize_KnownNamespaceInAnySpelling_GivesCanonicalSpelling(string input, string expected)
    {
        Assert.Equal(expected, CimNamespaces.Normalize(input));
    }

    [Theory]
    [InlineData("root/HyperVCluster/v2", @"root\HyperVCluster\v2")]
    [InlineData(@"root\interop", @"root\interop")]
    [InlineData("", "")]
    public void Normalize_UnknownNamespace_KeepsCaseWithBackslashes(string input, string expected)
    {
        Assert.Equal(expected, CimNamespaces.Normalize(input));
    }

    [Fact]
    public void Normalize_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CimNamespaces.Normalize(null!));
    }
}
