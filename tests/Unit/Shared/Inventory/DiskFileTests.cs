using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Shared.Inventory;

public class DiskFileTests
{
    [Theory]
    [InlineData(@"C:\VMs\DC01_0A1B.avhdx", true)]
    [InlineData(@"C:\VMs\DC01_0A1B.AVHDX", true)]
    [InlineData(@"C:\VMs\old_0A1B.avhd", true)]
    [InlineData(@"C:\VMs\DC01.vhdx", false)]
    [InlineData(@"C:\VMs\DC01.vhd", false)]
    [InlineData(@"C:\ISO\setup.iso", false)]
    [InlineData(@"C:\VMs\DC01.avhdx.bak", false)]
    public void IsDifferencing_ByExtension(string path, bool expected)
    {
        Assert.Equal(expected, new DiskFile(path, null).IsDifferencing);
    }

    [Theory]
    [InlineData(@"C:\VMs\DC01\Virtual Hard Disks\DC01.vhdx", "DC01.vhdx", @"C:\VMs\DC01\Virtual Hard Disks")]
    [InlineData("C:/VMs/DC01/DC01.vhdx", "DC01.vhdx", "C:/VMs/DC01")]
    [InlineData(@"\\nas01\vms\DC01.vhdx", "DC01.vhdx", @"\\nas01\vms")]
    [InlineData(@"D:\DC01.vhdx", "DC01.vhdx", "D:")]
    [InlineData("DC01.vhdx", "DC01.vhdx", "")]
    [InlineData(@"\DC01.vhdx", "DC01.vhdx", "")]
    public void FileNameAndFolder_SplitAtLastSeparator(string path, string fileName, string folder)
    {
        var disk = new DiskFile(path, 1);

        Assert.Equal(fileName, disk.FileName);
        Assert.Equal(folder, disk.Folder);
    }
}
