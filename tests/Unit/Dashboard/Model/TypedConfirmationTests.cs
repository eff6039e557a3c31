using CheckpointDashboard.Dashboard.Model;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class TypedConfirmationTests
{
    [Theory]
    [InlineData("PRD-SQL01", true)]
    [InlineData(" PRD-SQL01 ", true)]
    [InlineData("prd-sql01", false)]
    [InlineData("PRD-SQL0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Matches_OnlyTheExactName(string? typed, bool expected)
    {
        Assert.Equal(expected, TypedConfirmation.Matches("PRD-SQL01", typed));
    }
}
