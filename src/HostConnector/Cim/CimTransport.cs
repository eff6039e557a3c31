namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>How the dashboard talks CIM to a host.</summary>
public enum CimTransport
{
    /// <summary>MMI on Windows, the managed WS-Management client elsewhere.</summary>
    Auto,

    /// <summary>The managed WS-Management client (SOAP over HTTP(S) to /wsman).</summary>
    WsMan,

    /// <summary>Microsoft.Management.Infrastructure, Windows' native CIM client.</summary>
    Mmi,

    /// <summary>The built-in simulator, in process (tests and the embedded default).</summary>
    Simulator,
}
