using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Model;

namespace CheckpointDashboard.HostSimulator.InProcess;

/// <summary>Opens in-process sessions onto a <see cref="SimulatedFleet"/> for <c>sim://NAME</c> endpoints.</summary>
public sealed class SimulatorTransportProvider : ICimTransportProvider
{
    private readonly SimulatedFleet _fleet;

    public SimulatorTransportProvider(SimulatedFleet fleet)
    {
        _fleet = fleet;
    }

    public CimTransport Transport => CimTransport.Simulator;

    public bool IsAvailable => true;

    public ICimSession Open(CimConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new SimulatorCimSession(_fleet, connection);
    }
}
