using CheckpointDashboard.Shared.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public class WildcardPatternTests
{
    [Theory]
    [InlineData("DC*", "DC01", true)]
    [InlineData("DC*", "dc01", true)]
    [InlineData("DC*", "ADC01", false)]
    [InlineData("*-DC*", "corp-dc-02", true)]
    [InlineData("*-DC*", "corpdc02", false)]
    [InlineData("*DB*", "ERP-DB", true)]
    [InlineData("SQL??", "SQL01", true)]
    [InlineData("SQL??", "SQL1", false)]
    [InlineData("SQL??", "SQL001", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "aXXbYYbZZc", true)]
    [InlineData("a*b*c", "aXXbYYcZZ", false)]
    [InlineData("APP01", "app01", true)]
    public void Matches_Wildcard_AsDocumented(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, WildcardPattern.Matches(pattern, text));
    }

    [Fact]
    public void IsMatch_AnyPatternOfTheSet_Matches()
    {
        var set = new WildcardPattern(["DC*", "", "*SQL*"]);

        Assert.True(set.IsMatch("mssql-01"));
        Assert.True(set.IsMatch("DC9"));
        Assert.False(set.IsMatch("WEB01"));
        Assert.False(set.IsMatch(null));
    }

    [Fact]
    public void IsMatch_EmptySet_MatchesNothing()
    {
        var set = new WildcardPattern([]);

        Assert.True(set.IsEmpty);
        Assert.False(set.IsMatch("DC01"));
    }
}
