using CheckpointDashboard.Dashboard.Model;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class HostPathTests
{
    [Theory]
    [InlineData(@"D:\Exports")]
    [InlineData(@"d:\")]
    [InlineData(@"E:\Hyper-V\Exports 2026\")]
    [InlineData(@"\\server\share")]
    [InlineData(@"\\fs01.corp.local\exports$\vm\2026-11")]
    public void Validate_AbsolutePath_IsAccepted(string path)
    {
        Assert.Null(HostPath.Validate(path));
    }

    [Theory]
    [InlineData(null, "Enter a folder")]
    [InlineData("", "Enter a folder")]
    [InlineData("   ", "Enter a folder")]
    [InlineData("Exports", "absolute path")]
    [InlineData(@"D:Exports", "absolute path")]
    [InlineData(@"\Exports", "absolute path")]
    [InlineData("/mnt/exports", "backslashes")]
    [InlineData("D:/Exports", "backslashes")]
    [InlineData(@"\\server", "server and a share")]
    [InlineData(@"\\server\", "server and a share")]
    [InlineData(@"\\?\C:\Exports", "Device paths")]
    [InlineData(@"D:\a\..\b", "'..'")]
    [InlineData(@"D:\a\\b", "empty folder name")]
    [InlineData(@"D:\a?b", "cannot contain")]
    [InlineData(@"D:\a:b", "cannot contain")]
    [InlineData("D:\\a\tb", "control characters")]
    [InlineData(@" D:\Exports", "spaces")]
    [InlineData(@"D:\Exports.", "ends with a space or a dot")]
    public void Validate_NotAnAbsoluteWindowsPath_SaysWhy(string? path, string expected)
    {
        var error = HostPath.Validate(path);

        Assert.NotNull(error);
        Assert.Contains(expected, error);
    }
}
