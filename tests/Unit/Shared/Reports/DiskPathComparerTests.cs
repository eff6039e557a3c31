using CheckpointDashboard.Shared.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public class DiskPathComparerTests
{
    [Theory]
    [InlineData(@"C:\VMs\a.avhdx", @"c:\vms\A.AVHDX")]
    [InlineData(@"C:\VMs\a.avhdx", @"C:/VMs/a.avhdx")]
    [InlineData(@"C:\VMs\a.avhdx", @"C:\\VMs\\\a.avhdx")]
    [InlineData(@"C:\VMs\a.avhdx", @"C:/\VMs//a.avhdx")]
    [InlineData(@"C:\VMs", @"C:\VMs\")]
    [InlineData(@"\\nas\share\a.avhdx", @"//NAS/share/a.avhdx")]
    public void Equals_SamePathSpelledDifferently_IsEqualWithEqualHashes(string a, string b)
    {
        var comparer = DiskPathComparer.Instance;

        Assert.True(comparer.Equals(a, b));
        Assert.Equal(comparer.GetHashCode(a), comparer.GetHashCode(b));
    }

    [Theory]
    [InlineData(@"C:\VMs\a.avhdx", @"C:\VMs\b.avhdx")]
    [InlineData(@"C:\VMs\a.avhdx", @"D:\VMs\a.avhdx")]
    [InlineData(@"C:\VMs\a.avhdx", @"C:\VMsa.avhdx")]
    [InlineData(@"C:\VMs\a.avhdx", null)]
    public void Equals_DifferentPaths_AreNotEqual(string a, string? b)
    {
        Assert.False(DiskPathComparer.Instance.Equals(a, b));
    }

    [Fact]
    public void HashSet_WithComparer_FindsAPathInAnySpelling()
    {
        var set = new HashSet<string>(DiskPathComparer.Instance) { @"C:\ClusterStorage\Volume1\VM\disk_1.avhdx" };

        Assert.Contains(@"c:/clusterstorage//volume1/vm/DISK_1.avhdx", set);
    }
}
