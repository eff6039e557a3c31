using CheckpointDashboard.HostConnector.Fleet;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

public class ConfigurationCredentialStoreTests
{
    private static ConfigurationCredentialStore Store() => new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Credentials:domain:UserName"] = @"CORP\svc-dashboard",
            ["Credentials:domain:Password"] = "p1",
            ["Credentials:local:UserName"] = "Administrator",
            ["Credentials:local:Password"] = "p2",
            ["Credentials:upn:UserName"] = "svc@corp.example.com",
            ["Credentials:nopassword:UserName"] = "reader",
            ["Credentials:leadingslash:UserName"] = @"\odd",
            ["Credentials:nouser:Password"] = "p3",
            ["Credentials:blankuser:UserName"] = "",
        })
        .Build());

    [Fact]
    public void Find_DomainBackslashUser_SplitsDomainAndUser()
    {
        var credential = Store().Find("domain");

        Assert.NotNull(credential);
        Assert.Equal("CORP", credential.Domain);
        Assert.Equal("svc-dashboard", credential.UserName);
        Assert.Equal("p1", credential.Password);
    }

    [Theory]
    [InlineData("local", "Administrator", "p2")]
    [InlineData("upn", "svc@corp.example.com", "")]
    [InlineData("nopassword", "reader", "")]
    [InlineData("leadingslash", @"\odd", "")]
    public void Find_UserWithoutDomainPrefix_KeepsUserAndHasNoDomain(string name, string user, string password)
    {
        var credential = Store().Find(name);

        Assert.NotNull(credential);
        Assert.Equal(user, credential.UserName);
        Assert.Equal(string.Empty, credential.Domain);
        Assert.Equal(password, credential.Password);
    }

    [Fact]
    public void Find_NameInOtherCase_IsFound()
    {
        Assert.Equal("svc-dashboard", Store().Find("DOMAIN")?.UserName);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("nouser")]
    [InlineData("blankuser")]
    [InlineData("")]
    [InlineData(" ")]
    public void FindAndExists_NoUserName_AreNullAndFalse(string name)
    {
        var store = Store();

        Assert.False(store.Exists(name));
        Assert.Null(store.Find(name));
    }

    [Fact]
    public void Exists_ConfiguredUser_IsTrue()
    {
        Assert.True(Store().Exists("local"));
    }
}
