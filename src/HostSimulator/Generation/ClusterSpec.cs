namespace CheckpointDashboard.HostSimulator.Generation;

/// <summary>A generated failover cluster.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="Nodes">Node host names.</param>
/// <param name="VmPrefix">Prefix of its VM names (e.g. "PRD" → PRD-SQL03).</param>
/// <param name="IsReplicaSite">Its VMs are Hyper-V Replica copies (with replica recovery points).</param>
public sealed record ClusterSpec(string Name, IReadOnlyList<string> Nodes, string VmPrefix, bool IsReplicaSite = false);
