using CheckpointDashboard.Dashboard.Hosting.Hardening;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hosting.Hardening;

/// <summary>The decision table: what the dashboard does about HTTPS for each way it may be bound.</summary>
public sealed class ExposurePlannerTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.2:5080")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://LOCALHOST:5000")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://127.0.0.1:5443")]
    [InlineData("http://unix:/run/checkpointdashboard.sock")]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080")]
    public void Decide_LoopbackOnly_NoRedirectNoHstsNoWarning(string addresses)
    {
        var plan = ExposurePlanner.Decide(addresses.Split(';'), new HardeningOptions());

        Assert.True(plan.LoopbackOnly);
        Assert.False(plan.RedirectToHttps);
        Assert.False(plan.UseHsts);
        Assert.False(plan.UseForwardedHeaders);
        Assert.Null(plan.Warning);
    }

    [Fact]
    public void Decide_NoAddresses_IsKestrelsLoopbackDefault()
    {
        var plan = ExposurePlanner.Decide([], new HardeningOptions());

        Assert.True(plan.LoopbackOnly);
        Assert.Equal([ExposurePlanner.DefaultAddress], plan.Addresses);
        Assert.Null(plan.Warning);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://10.1.2.3:5080")]
    [InlineData("http://dashboard.corp.example:80")]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:5081")]
    public void Decide_PlainHttpBeyondLoopback_WarnsAndCannotRedirect(string addresses)
    {
        var plan = ExposurePlanner.Decide(addresses.Split(';'), new HardeningOptions());

        Assert.False(plan.LoopbackOnly);
        Assert.False(plan.RedirectToHttps);
        Assert.False(plan.UseHsts);
        Assert.NotNull(plan.Warning);
        Assert.Contains("plain HTTP", plan.Warning, StringComparison.Ordinal);
        Assert.Contains("Hardening:BehindProxy", plan.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HttpAndHttpsBeyondLoopback_RedirectsToTheHttpsPortWithHsts()
    {
        var plan = ExposurePlanner.Decide(["http://0.0.0.0:8080", "https://0.0.0.0:8443"], new HardeningOptions());

        Assert.False(plan.LoopbackOnly);
        Assert.True(plan.RedirectToHttps);
        Assert.Equal(8443, plan.HttpsPort);
        Assert.True(plan.UseHsts);
        Assert.Null(plan.Warning);
    }

    [Fact]
    public void Decide_HttpsWithoutPort_RedirectsTo443()
    {
        var plan = ExposurePlanner.Decide(["http://*", "https://*"], new HardeningOptions());

        Assert.True(plan.RedirectToHttps);
        Assert.Equal(443, plan.HttpsPort);
    }

    [Fact]
    public void Decide_RequireHttpsOff_AnswersHttpAndWarns()
    {
        var plan = ExposurePlanner.Decide(["http://0.0.0.0:8080", "https://0.0.0.0:8443"], new HardeningOptions { RequireHttps = false });

        Assert.False(plan.RedirectToHttps);
        Assert.False(plan.UseHsts);
        Assert.NotNull(plan.Warning);
        Assert.Contains("Hardening:RequireHttps", plan.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RequireHttpsOnLoopback_RedirectsWhenThereIsHttps()
    {
        var plan = ExposurePlanner.Decide(["http://127.0.0.1:8080", "https://127.0.0.1:8443"], new HardeningOptions { RequireHttps = true });

        Assert.True(plan.LoopbackOnly);
        Assert.True(plan.RedirectToHttps);
        Assert.True(plan.UseHsts);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://0.0.0.0:5080")]
    public void Decide_BehindProxy_ForwardedHeadersAndHstsButNoRedirectNoWarning(string address)
    {
        var plan = ExposurePlanner.Decide([address], new HardeningOptions { BehindProxy = true });

        Assert.True(plan.UseForwardedHeaders);
        Assert.True(plan.UseHsts);
        Assert.False(plan.RedirectToHttps);
        Assert.Null(plan.Warning);
    }

    [Fact]
    public void Decide_BehindProxyWithRequireHttpsOff_NoHsts()
    {
        var plan = ExposurePlanner.Decide(["http://127.0.0.1:5080"], new HardeningOptions { BehindProxy = true, RequireHttps = false });

        Assert.True(plan.UseForwardedHeaders);
        Assert.False(plan.UseHsts);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp//")]
    public void IsLocal_Unparsable_CountsAsExposed(string address)
    {
        Assert.False(ExposurePlanner.IsLocal(address));
    }
}
