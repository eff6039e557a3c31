using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Shared.Inventory;

public class ConfigurationVersionsTests
{
    [Theory]
    [InlineData("9.0", 9, 0)]
    [InlineData("6.2", 6, 2)]
    [InlineData("10", 10, 0)]
    [InlineData("12.10", 12, 10)]
    public void Parse_MajorMinor_GivesVersion(string text, int major, int minor)
    {
        Assert.Equal(new Version(major, minor), ConfigurationVersions.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Missing_IsVersion4OfWindowsServer2012(string? text)
    {
        Assert.Equal(new Version(4, 0), ConfigurationVersions.Parse(text));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("9.x")]
    [InlineData("1.2.3")]
    [InlineData("-1.0")]
    [InlineData("9.")]
    [InlineData(".5")]
    public void Parse_Garbage_IsNull(string text)
    {
        Assert.Null(ConfigurationVersions.Parse(text));
    }

    [Theory]
    [InlineData("6.2", true)]
    [InlineData("9.0", true)]
    [InlineData("10.0", true)]
    [InlineData("6.1", false)]
    [InlineData("5.0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("garbage", false)]
    public void SupportsCheckpointTypes_FromVersion62(string? text, bool expected)
    {
        Assert.Equal(expected, ConfigurationVersions.SupportsCheckpointTypes(text));
    }
}
