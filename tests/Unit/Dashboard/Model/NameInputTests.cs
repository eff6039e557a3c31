using CheckpointDashboard.Dashboard.Model;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class NameInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Before patch KB5031234")]
    public void ValidateOptional_EmptyOrValid_IsAccepted(string? name)
    {
        Assert.Null(NameInput.ValidateOptional(name));
    }

    [Theory]
    [InlineData("   ", "only spaces")]
    [InlineData("a\tb", "control characters")]
    [InlineData("line\nbreak", "control characters")]
    [InlineData(" padded", "spaces")]
    public void ValidateOptional_Invalid_SaysWhy(string name, string expected)
    {
        Assert.Contains(expected, NameInput.ValidateOptional(name));
    }

    [Fact]
    public void ValidateOptional_101Characters_IsTooLong()
    {
        Assert.Null(NameInput.ValidateOptional(new string('x', 100)));
        Assert.Contains("at most 100", NameInput.ValidateOptional(new string('x', 101)));
    }

    [Fact]
    public void ValidateRename_RequiresANewValidName()
    {
        Assert.Contains("current name", NameInput.ValidateRename("Base", "Base"));
        Assert.Contains("empty", NameInput.ValidateRename("", "Base"));
        Assert.Null(NameInput.ValidateRename("Base (golden)", "Base"));
    }
}
