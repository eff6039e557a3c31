using CheckpointDashboard.HostConnector;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.WsMan;
using Microsoft.Extensions.Options;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>The WS-Management transport as the fleet gets it: registered once, available everywhere, opening sessions.</summary>
public sealed class WsManTransportProviderTests
{
    [Fact]
    public async Task AddHostConnector_WsManEndpoint_OpensAWsManSession()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHostConnector(new ConfigurationBuilder().Build());
        services.AddHostConnector(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();

        var transport = Assert.Single(provider.GetServices<ICimTransportProvider>(), p => p.Transport == CimTransport.WsMan);
        await using var session = provider.GetRequiredService<CimSessionFactory>().Open(
            new CimConnection("HV01", new Uri("https://hv01:5986/wsman"), CimTransport.WsMan, null, TimeSpan.FromSeconds(15)));

        Assert.IsType<WsManTransportProvider>(transport);
        Assert.True(transport.IsAvailable);
        Assert.Equal("HV01", Assert.IsType<WsManSession>(session).HostName);
    }

    [Fact]
    public void Constructor_ImpossibleLimits_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new WsManTransportProvider(TimeProvider.System, Options.Create(new WsManClientOptions { MaxElements = 0 })));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new WsManTransportProvider(TimeProvider.System, Options.Create(new WsManClientOptions { MaxEnvelopeSize = 100 })));
    }

    [Fact]
    public void EffectiveMaxResponseBytes_Default_IsTheEnvelopeSizePlus64KiB()
    {
        Assert.Equal(512_000 + 65_536, new WsManClientOptions().EffectiveMaxResponseBytes);
        Assert.Equal(1_000_000, new WsManClientOptions { MaxResponseBytes = 1_000_000 }.EffectiveMaxResponseBytes);
    }
}
