using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>A failover cluster the fleet discovers, and how to build its nodes' connections.</summary>
public sealed record ClusterTarget(string Name, CimConnection Connection, Func<string, CimConnection> NodeConnection)
{
    public override string ToString() => Connection.ToString();
}
