using CheckpointDashboard.Dashboard.Model;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class AuditFilterTests
{
    [Fact]
    public void ToQuery_Days_CoverWholeUtcDays()
    {
        var query = new AuditFilter { From = new DateOnly(2026, 11, 1), To = new DateOnly(2026, 11, 24) }.ToQuery();

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), query.Since);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), query.Until);
    }

    [Fact]
    public void ToQuery_BlankValues_FilterNothing()
    {
        var query = new AuditFilter { User = "  ", Search = "" }.ToQuery();

        Assert.Null(query.User);
        Assert.Null(query.Search);
        Assert.Equal(AuditFilter.DefaultLimit, query.Limit);
    }

    [Fact]
    public void CsvHref_NoFilter_IsThePlainEndpoint()
    {
        Assert.Equal("/api/v1/audit.csv", new AuditFilter().CsvHref());
    }

    [Fact]
    public void CsvHref_CarriesEveryFilterEscaped()
    {
        var href = new AuditFilter
        {
            User = "CORP\\alice",
            Action = "DeleteCheckpointSubtree",
            Outcome = "Failed",
            Search = "sql & dc",
            From = new DateOnly(2026, 11, 1),
            To = new DateOnly(2026, 11, 24),
            Limit = 50,
        }.CsvHref();

        Assert.Equal(
            "/api/v1/audit.csv?user=CORP%5Calice&action=DeleteCheckpointSubtree&outcome=Failed&search=sql%20%26%20dc" +
            "&since=2026-11-01T00%3A00%3A00.0000000Z&until=2026-11-24T23%3A59%3A59.9999999Z&limit=50",
            href);
    }

    [Theory]
    [InlineData("2026-11-24", true)]
    [InlineData("24.11.2026", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ParseDay_OnlyIsoDays(string? value, bool parses)
    {
        Assert.Equal(parses, AuditFilter.ParseDay(value) is not null);
    }

    [Fact]
    public void FormatInstant_IsRoundTripUtc()
    {
        var instant = new DateTimeOffset(2026, 11, 24, 13, 5, 0, TimeSpan.FromHours(1));

        var text = AuditFilter.FormatInstant(instant);

        Assert.Equal("2026-11-24T12:05:00.0000000Z", text);
        Assert.Equal(instant, DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }
}
