using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>A host the fleet reads: a configured standalone host or a discovered cluster node.</summary>
public sealed record HostTarget(string Name, string? Cluster, CimConnection Connection)
{
    public override string ToString() => Connection.ToString();
}
