namespace CheckpointDashboard.Dashboard.Hosting;

/// <summary>
/// The <c>Simulator</c> section: the built-in simulated fleet the dashboard runs on when <c>Fleet</c> names no hosts
/// and no clusters (or when <see cref="Enabled"/> is true).
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Force the simulator on even with hosts configured (they are then ignored).</summary>
    public bool Enabled { get; set; }

    /// <summary>The same seed always yields the same fleet.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Number of hosts; 0 for the default fleet (three clusters and four standalone hosts).</summary>
    public int Hosts { get; set; }

    /// <summary>Average VMs per host when <see cref="Hosts"/> is set.</summary>
    public int VmsPerHost { get; set; } = 25;

    /// <summary>How much faster than real hosts jobs run (1 = realistic durations).</summary>
    public double Speed { get; set; } = 1.0;

    /// <summary>How the dashboard reaches the simulator: over WS-Management on loopback (default) or in process.</summary>
    public SimulatorTransport Transport { get; set; } = SimulatorTransport.WsMan;

    /// <summary>Latency added to every request to a simulated host.</summary>
    public TimeSpan Latency { get; set; }
}
