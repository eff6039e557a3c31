namespace CheckpointDashboard.Dashboard.Hosting;

/// <summary>How the dashboard reaches its embedded simulated fleet.</summary>
public enum SimulatorTransport
{
    /// <summary>
    /// The simulator serves WS-Management over HTTPS on a loopback port (a self-signed certificate the dashboard pins,
    /// Basic authentication with a password made up at start), and the dashboard reads it with the same client it
    /// uses for real hosts. The default: the default run exercises the production path.
    /// </summary>
    WsMan,

    /// <summary>Calls the simulator in process, skipping the wire (fast unit work and benchmarks of the layers above).</summary>
    InProcess,
}
