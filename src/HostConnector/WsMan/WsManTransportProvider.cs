using CheckpointDashboard.HostConnector.Cim;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// Opens managed WS-Management sessions (<see cref="WsManSession"/>) for <see cref="CimTransport.WsMan"/>, and for
/// <see cref="CimTransport.Auto"/> wherever MMI is not available. Available on every platform: it needs nothing but
/// HTTP.
/// </summary>
public sealed class WsManTransportProvider : ICimTransportProvider
{
    private readonly TimeProvider _time;
    private readonly WsManClientOptions _options;

    /// <param name="time">The clock operation and release timeouts run on.</param>
    /// <param name="options">Limits of the client; the defaults when nothing is configured.</param>
    public WsManTransportProvider(TimeProvider time, IOptions<WsManClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _options = options.Value ?? new WsManClientOptions();
        _options.Validate();
    }

    public CimTransport Transport => CimTransport.WsMan;

    public bool IsAvailable => true;

    /// <summary>Opens a session; it owns an HTTP client, so the caller disposes it.</summary>
    public ICimSession Open(CimConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new WsManSession(connection, _options, _time);
    }
}
