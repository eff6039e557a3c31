namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>Opens sessions for one <see cref="CimTransport"/>. Registered in DI; the factory picks by transport.</summary>
public interface ICimTransportProvider
{
    CimTransport Transport { get; }

    /// <summary>True when this transport can run on this machine (MMI needs Windows' mi.dll).</summary>
    bool IsAvailable { get; }

    ICimSession Open(CimConnection connection);
}
