using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Mmi;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Mmi;

/// <summary>
/// The MMI transport off Windows: it says it is unavailable, Auto picks the managed client, and asking for it
/// explicitly fails with a clear "not available on this platform" error rather than a loader exception.
/// </summary>
public sealed class MmiTransportProviderTests
{
    private static readonly CimConnection s_connection = new("HV01", new Uri("https://hv01:5986/wsman"), CimTransport.Mmi, null, TimeSpan.FromSeconds(5));

    [Fact]
    public void IsAvailable_OffWindows_IsFalse()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "This test describes platforms without mi.dll.");

        Assert.False(new MmiTransportProvider().IsAvailable);
    }

    [Fact]
    public void Open_OffWindows_SaysToUseTheWsManTransport()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "This test describes platforms without mi.dll.");

        var error = Assert.Throws<CimException>(() => new MmiTransportProvider().Open(s_connection));

        Assert.Equal(CimErrorKind.PlatformNotSupported, error.Kind);
        Assert.Contains("not available on this platform", error.Message);
        Assert.Contains("wsman", error.Message);
        Assert.Equal("HV01", error.Host);
    }

    [Fact]
    public void Resolve_AutoOffWindows_PicksTheManagedWsManClient()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "This test describes platforms without mi.dll.");
        var factory = new CimSessionFactory([new MmiTransportProvider()]);

        Assert.Equal(CimTransport.WsMan, factory.Resolve(CimTransport.Auto, new Uri("https://hv01:5986/wsman")));
        Assert.Equal(CimTransport.Simulator, factory.Resolve(CimTransport.Auto, new Uri("sim://HV01")));
        Assert.Equal(CimTransport.Mmi, factory.Resolve(CimTransport.Mmi, new Uri("https://hv01:5986/wsman")));
    }
}
