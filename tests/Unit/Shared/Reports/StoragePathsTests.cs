using CheckpointDashboard.Shared.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public class StoragePathsTests
{
    [Theory]
    [InlineData(@"C:\VMs\a.avhdx", @"C:\VMs\a.avhdx")]
    [InlineData(@"C:/VMs//a.avhdx", @"C:\VMs\a.avhdx")]
    [InlineData(@"C:\VMs\", @"C:\VMs")]
    [InlineData(@"C:\", @"C:\")]
    [InlineData(@"C:", @"C:\")]
    [InlineData(@"//nas//share/x", @"\\nas\share\x")]
    [InlineData(@"\\\nas\share", @"\\nas\share")]
    [InlineData(@"  D:\x  ", @"D:\x")]
    public void Normalize_Path_IsSpelledCanonically(string path, string expected)
    {
        Assert.Equal(expected, StoragePaths.Normalize(path));
    }

    [Fact]
    public void Normalize_CanonicalPath_ReturnsTheSameInstance()
    {
        var path = @"C:\VMs\APP01\APP01.vhdx";

        Assert.Same(path, StoragePaths.Normalize(path));
    }

    [Theory]
    [InlineData(@"C:\ClusterStorage\Volume1\VMs\a.avhdx", @"C:\ClusterStorage\Volume1")]
    [InlineData(@"C:\ClusterStorage\Volume1", @"C:\ClusterStorage\Volume1")]
    [InlineData(@"\\nas\hyperv\VMs\a.avhdx", @"\\nas\hyperv")]
    [InlineData(@"d:\Hyper-V\a.avhdx", @"D:\")]
    [InlineData(@"VMs\a.avhdx", @"VMs")]
    public void VolumeOf_Path_IsItsStorageLocation(string path, string expected)
    {
        Assert.Equal(expected, StoragePaths.VolumeOf(path));
    }

    [Theory]
    [InlineData(@"C:\VMs\a.avhdx", @"C:\VMs")]
    [InlineData(@"C:\a.avhdx", @"C:\")]
    [InlineData("a.avhdx", "")]
    public void FolderOf_Path_IsItsFolder(string path, string expected)
    {
        Assert.Equal(expected, StoragePaths.FolderOf(path));
    }
}
