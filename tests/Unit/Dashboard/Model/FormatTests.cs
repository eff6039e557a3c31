using CheckpointDashboard.Dashboard.Model;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class FormatTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5 GB")]
    [InlineData(2_900_000_000_000, "2.6 TB")]
    public void Bytes_UsesBinaryUnits(long bytes, string expected) => Assert.Equal(expected, Format.Bytes(bytes));

    [Theory]
    [InlineData(0.5, "just now")]
    [InlineData(59, "59 min")]
    [InlineData(60 * 47, "47 h")]
    [InlineData(60 * 24 * 30, "30 d")]
    [InlineData(60 * 24 * 365 * 2, "2 y")]
    public void Age_PicksAReadableUnit(double minutes, string expected) => Assert.Equal(expected, Format.Age(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Ago_NeverSaysJustNowAgo()
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(50);

        Assert.Equal("just now", Format.Ago(now, now));
        Assert.Equal("5 min ago", Format.Ago(now.AddMinutes(-5), now));
        Assert.Equal("never", Format.Ago(null, now));
    }
}
