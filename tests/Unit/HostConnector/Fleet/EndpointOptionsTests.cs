using CheckpointDashboard.HostConnector.Fleet;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

public class EndpointOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void EffectiveEndpoint_NoEndpoint_IsHttpsWsManOnTheName(string? endpoint)
    {
        var host = new FleetHostOptions { Name = "HV01", Endpoint = endpoint };

        Assert.Equal("https://HV01:5986/wsman", host.EffectiveEndpoint);
    }

    [Fact]
    public void EffectiveEndpoint_ExplicitEndpoint_IsUsedAsGiven()
    {
        var host = new FleetHostOptions { Name = "HV01", Endpoint = "http://hv01.lab:5985/wsman" };

        Assert.Equal("http://hv01.lab:5985/wsman", host.EffectiveEndpoint);
    }

    [Fact]
    public void Defaults_AreNegotiateAutoAndSafeTls()
    {
        var host = new FleetHostOptions { Name = "HV01" };

        Assert.Equal("Negotiate", host.Authentication);
        Assert.False(host.AllowUnencryptedBasic);
        Assert.False(host.SkipCertificateValidation);
    }

    [Fact]
    public void ToSecurity_CopiesEverySecuritySetting()
    {
        var host = new FleetHostOptions
        {
            Name = "HV01",
            Authentication = "Basic",
            AllowUnencryptedBasic = true,
            SkipCertificateValidation = true,
            CertificateThumbprint = "ab",
            TrustedCaFile = "/etc/ca.pem",
        };

        var security = host.ToSecurity();

        Assert.Equal("Basic", security.Authentication);
        Assert.True(security.AllowUnencryptedBasic);
        Assert.True(security.SkipCertificateValidation);
        Assert.Equal("ab", security.CertificateThumbprint);
        Assert.Equal("/etc/ca.pem", security.TrustedCaFile);
    }
}
