using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Model;

namespace CheckpointDashboard.HostSimulator.InProcess;

/// <summary>Opens in-process sessions onto a <see cref="SimulatedFleet"/> for <c>sim://NAME</c> endpoints.</summary>
public sealed class SimulatorTransportProvider : ICimTransportProvider
{
    private readonly Lazy<SimulatedFleet> _fleet;

    public SimulatorTransportProvider(SimulatedFleet fleet)
    {
        _fleet = new Lazy<SimulatedFleet>(fleet);
    }

    /// <summary>Creates the fleet on first use (it is generated only when a simulated host is opened).</summary>
    public SimulatorTransportProvider(Func<SimulatedFleet> fleet)
    {
        _fleet = new Lazy<SimulatedFleet>(fleet);
    }

    public CimTransport Transport => CimTransport.Simulator;

    public bool IsAvailable => true;

    public ICimSession Open(CimConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new SimulatorCimSession(_fleet.Value, connection);
    }
}
