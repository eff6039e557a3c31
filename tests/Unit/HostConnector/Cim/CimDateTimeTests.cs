using CheckpointDashboard.HostConnector.Cim;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Cim;

public class CimDateTimeTests
{
    [Theory]
    [InlineData("20240105102030.123456-300", "2024-01-05T15:20:30.1234560Z")]
    [InlineData("20240105102030.123456+060", "2024-01-05T09:20:30.1234560Z")]
    [InlineData("20240105102030.000000+000", "2024-01-05T10:20:30.0000000Z")]
    [InlineData("20241231233000.000000-060", "2025-01-01T00:30:00.0000000Z")]
    [InlineData("20240229000000.000001+000", "2024-02-29T00:00:00.0000010Z")]
    [InlineData("  20240105102030.123456-300  ", "2024-01-05T15:20:30.1234560Z")]
    public void TryParse_Dmtf_IsConvertedToUtc(string text, string expectedUtc)
    {
        Assert.True(CimDateTime.TryParse(text, out var value));

        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(expectedUtc, CimDateTime.FormatIso(value));
    }

    [Theory]
    [InlineData("2024-01-05T10:20:30Z", "2024-01-05T10:20:30.0000000Z")]
    [InlineData("2024-01-05T10:20:30.5+02:00", "2024-01-05T08:20:30.5000000Z")]
    [InlineData("2024-01-05T10:20:30.1234567-05:00", "2024-01-05T15:20:30.1234567Z")]
    [InlineData("2024-01-05T10:20:30", "2024-01-05T10:20:30.0000000Z")]
    public void TryParse_Iso_IsConvertedToUtcAndNoOffsetMeansUtc(string text, string expectedUtc)
    {
        Assert.True(CimDateTime.TryParse(text, out var value));

        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(expectedUtc, CimDateTime.FormatIso(value));
    }

    [Theory]
    [InlineData("20241305102030.123456+000")] // month 13
    [InlineData("20240230102030.000000+000")] // 30 February
    [InlineData("20230229102030.000000+000")] // 29 February outside a leap year
    [InlineData("20240105242030.000000+000")] // hour 24
    [InlineData("20240105106030.000000+000")] // minute 60
    [InlineData("20240105102060.000000+000")] // second 60
    [InlineData("00000105102030.000000+000")] // year 0
    [InlineData("20240105102030.123456+900")] // offset beyond 14 hours
    [InlineData("2024010510203.123456+000")] // one digit short
    [InlineData("202401051020300.123456+000")] // one digit too many
    [InlineData("2024O105102030.123456+000")] // letter O for zero
    [InlineData("20240105102030.12345a+000")]
    [InlineData("20240105102030.123456+0-0")]
    [InlineData("********102030.000000+000")]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParse_Invalid_IsFalse(string? text)
    {
        Assert.False(CimDateTime.TryParse(text, out _));
    }

    [Fact]
    public void FormatDmtf_NonUtcValue_IsWrittenInUtcWithMicroseconds()
    {
        var value = new DateTimeOffset(2024, 1, 5, 10, 20, 30, TimeSpan.FromHours(-5)).AddTicks(1_234_567);

        Assert.Equal("20240105152030.123456+000", CimDateTime.FormatDmtf(value));
    }

    [Fact]
    public void FormatIso_NonUtcValue_IsWrittenInUtc()
    {
        var value = new DateTimeOffset(2024, 1, 5, 10, 20, 30, TimeSpan.FromHours(2));

        Assert.Equal("2024-01-05T08:20:30.0000000Z", CimDateTime.FormatIso(value));
    }

    [Fact]
    public void FormatDmtf_ThenTryParse_RoundTripsToTheMicrosecond()
    {
        var value = new DateTimeOffset(2023, 11, 30, 23, 59, 59, TimeSpan.FromMinutes(330)).AddTicks(9_876_540);

        Assert.True(CimDateTime.TryParse(CimDateTime.FormatDmtf(value), out var parsed));

        Assert.Equal(value, parsed);
    }

    [Fact]
    public void FormatIso_ThenTryParse_RoundTripsToTheTick()
    {
        var value = new DateTimeOffset(2023, 11, 30, 23, 59, 59, TimeSpan.FromHours(-8)).AddTicks(9_876_543);

        Assert.True(CimDateTime.TryParse(CimDateTime.FormatIso(value), out var parsed));

        Assert.Equal(value, parsed);
        Assert.Equal(value.UtcTicks, parsed.UtcTicks);
    }

    [Theory]
    [InlineData("00000000000500.000000:000", 0, 0, 5, 0, 0)]
    [InlineData("00000001020304.000005:000", 1, 2, 3, 4, 5)]
    [InlineData("00000365000000.500000:000", 365, 0, 0, 0, 500_000)]
    [InlineData("P1DT2H3M4.000005S", 1, 2, 3, 4, 5)]
    [InlineData("PT5M", 0, 0, 5, 0, 0)]
    [InlineData("PT0S", 0, 0, 0, 0, 0)]
    public void TryParseInterval_DmtfAndDuration_GiveTheSameSpan(string text, int days, int hours, int minutes, int seconds, int micro)
    {
        Assert.True(CimDateTime.TryParseInterval(text, out var value));

        Assert.Equal(new TimeSpan(days, hours, minutes, seconds) + TimeSpan.FromTicks(micro * 10L), value);
    }

    [Fact]
    public void TryParseInterval_NegativeDuration_IsNegative()
    {
        Assert.True(CimDateTime.TryParseInterval("-PT90S", out var value));

        Assert.Equal(TimeSpan.FromSeconds(-90), value);
    }

    [Theory]
    [InlineData("00000000240000.000000:000")] // hour 24
    [InlineData("00000000006000.000000:000")] // minute 60
    [InlineData("00000000000060.000000:000")] // second 60
    [InlineData("0000000000050.000000:000")] // one digit short
    [InlineData("00000000000500.000000+000")] // a date-time, not an interval
    [InlineData("20240105102030.123456-300")]
    [InlineData("P")]
    [InlineData("PXYZ")]
    [InlineData("5 minutes")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseInterval_Invalid_IsFalse(string? text)
    {
        Assert.False(CimDateTime.TryParseInterval(text, out _));
    }

    [Theory]
    [InlineData("99999999235959.999999:000")] // the largest DMTF interval: beyond TimeSpan.MaxValue
    [InlineData("10675200000000.000000:000")]
    [InlineData("P99999999D")]
    public void TryParseInterval_BeyondTimeSpanRange_IsFalseInsteadOfThrowing(string text)
    {
        Assert.False(CimDateTime.TryParseInterval(text, out _));
    }

    [Fact]
    public void FormatDmtfInterval_WritesDaysToMicroseconds()
    {
        var value = new TimeSpan(12, 3, 4, 5) + TimeSpan.FromTicks(67_890);

        Assert.Equal("00000012030405.006789:000", CimDateTime.FormatDmtfInterval(value));
    }

    [Fact]
    public void FormatDmtfInterval_Negative_IsClampedToZero()
    {
        Assert.Equal("00000000000000.000000:000", CimDateTime.FormatDmtfInterval(TimeSpan.FromMinutes(-3)));
    }

    [Fact]
    public void FormatDmtfInterval_ThenTryParseInterval_RoundTrips()
    {
        var value = new TimeSpan(400, 23, 59, 59) + TimeSpan.FromTicks(1_234_560);

        Assert.True(CimDateTime.TryParseInterval(CimDateTime.FormatDmtfInterval(value), out var parsed));

        Assert.Equal(value, parsed);
    }

    [Fact]
    public void FormatDuration_ThenTryParseInterval_RoundTrips()
    {
        var value = new TimeSpan(3, 4, 5, 6) + TimeSpan.FromTicks(7_000);

        Assert.True(CimDateTime.TryParseInterval(CimDateTime.FormatDuration(value), out var parsed));

        Assert.Equal(value, parsed);
    }
}
