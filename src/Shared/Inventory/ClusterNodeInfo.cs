namespace CheckpointDashboard.Shared.Inventory;

/// <summary>A node of a failover cluster, as the cluster reports it.</summary>
public sealed record ClusterNodeInfo(string Name, ClusterNodeState State);
