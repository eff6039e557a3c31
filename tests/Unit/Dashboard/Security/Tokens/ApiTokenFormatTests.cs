using CheckpointDashboard.Dashboard.Security.Tokens;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security.Tokens;

/// <summary>The token's text: what is made, and what is refused before the store is asked.</summary>
public sealed class ApiTokenFormatTests
{
    [Fact]
    public void Create_ThenParse_GivesTheSameIdPrefixAndHash()
    {
        var (token, parts) = ApiTokenFormat.Create();

        Assert.True(ApiTokenFormat.TryParse(token, out var parsed));
        Assert.Equal(parts.Id, parsed.Id);
        Assert.Equal(parts.Prefix, parsed.Prefix);
        Assert.Equal(parts.Hash, parsed.Hash);
        Assert.StartsWith("cpd_", token, StringComparison.Ordinal);
        Assert.NotEqual(token, ApiTokenFormat.Create().Token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cpd_")]
    [InlineData("Bearer cpd_AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xyz_AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("cpd_AAAAAAAAAAAAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("cpd_AAAAAAAAAAAAAAAAAAAA!A.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("cpd_AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void TryParse_RefusesWhatIsNotOneOfOurs(string? token) => Assert.False(ApiTokenFormat.TryParse(token, out _));
}
