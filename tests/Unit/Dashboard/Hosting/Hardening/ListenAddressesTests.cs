using CheckpointDashboard.Dashboard.Hosting.Hardening;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hosting.Hardening;

/// <summary>Where the configuration says the dashboard listens, in Kestrel's order of precedence.</summary>
public sealed class ListenAddressesTests
{
    [Fact]
    public void FromConfiguration_KestrelEndpoints_WinOverUrls()
    {
        var configuration = Build(new()
        {
            ["urls"] = "http://127.0.0.1:5080",
            ["Kestrel:Endpoints:Web:Url"] = "https://0.0.0.0:443",
        });

        Assert.Equal(["https://0.0.0.0:443"], ListenAddresses.FromConfiguration(configuration));
    }

    [Fact]
    public void FromConfiguration_Urls_SplitOnSemicolons()
    {
        var configuration = Build(new() { ["urls"] = "http://127.0.0.1:5080; https://0.0.0.0:5443" });

        Assert.Equal(["http://127.0.0.1:5080", "https://0.0.0.0:5443"], ListenAddresses.FromConfiguration(configuration));
    }

    [Fact]
    public void FromConfiguration_Ports_ListenOnEveryInterface()
    {
        var configuration = Build(new() { ["http_ports"] = "8080", ["https_ports"] = "8443" });

        var addresses = ListenAddresses.FromConfiguration(configuration);

        Assert.Equal(["http://*:8080", "https://*:8443"], addresses);
        Assert.False(ExposurePlanner.Decide(addresses, new HardeningOptions()).LoopbackOnly);
    }

    [Fact]
    public void FromConfiguration_Nothing_IsEmpty()
    {
        Assert.Empty(ListenAddresses.FromConfiguration(Build([])));
    }

    private static IConfiguration Build(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
