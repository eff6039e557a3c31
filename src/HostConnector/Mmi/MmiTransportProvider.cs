using System.Runtime.InteropServices;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.Mmi;

/// <summary>
/// Sessions over Microsoft.Management.Infrastructure (MMI), Windows' native CIM client, for dashboards hosted
/// on Windows. Elsewhere the package has no native library (<c>libmi</c> does not load): the transport reports
/// itself unavailable, and <see cref="CimTransport.Auto"/> picks the managed WS-Management client instead.
/// </summary>
public sealed class MmiTransportProvider : ICimTransportProvider
{
    private readonly Lazy<bool> _available = new(Probe);

    public CimTransport Transport => CimTransport.Mmi;

    public bool IsAvailable => _available.Value;

    public ICimSession Open(CimConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsAvailable)
        {
            throw NotAvailable(connection.HostName, null);
        }

        return new MmiSession(connection);
    }

    internal static CimException NotAvailable(string host, Exception? cause) =>
        new(CimErrorKind.PlatformNotSupported,
            $"{host}: the MMI transport (Microsoft.Management.Infrastructure) is not available on this platform: it needs Windows' mi.dll. Use the wsman transport (or Auto).",
            cause)
        {
            Host = host,
        };

    private static bool Probe()
    {
        if (!OperatingSystem.IsWindows())
        {
            return false;
        }

        if (!NativeLibrary.TryLoad("mi.dll", out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}
