using System.Net;

namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>Everything needed to open a session with one host. Never logged as a whole: it holds the credential.</summary>
/// <param name="HostName">The host's name, as the fleet knows it.</param>
/// <param name="Endpoint">Where to connect: an http(s) URL for WS-Management, <c>sim://NAME</c> for the simulator.</param>
/// <param name="Transport">Which transport to use.</param>
/// <param name="Credential">The credential, or null for the process's own identity.</param>
/// <param name="OperationTimeout">The longest one call may take.</param>
public sealed record CimConnection(
    string HostName,
    Uri Endpoint,
    CimTransport Transport,
    NetworkCredential? Credential,
    TimeSpan OperationTimeout)
{
    /// <summary>Options of the WS-Management transport; ignored by the others.</summary>
    public WsManSecurityOptions Security { get; init; } = new();

    // The credential must never reach a log line through the record's generated ToString.
    public override string ToString() => $"{HostName} ({Transport}, {Endpoint})";
}
