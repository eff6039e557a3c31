namespace CheckpointDashboard.Shared.Inventory;

/// <summary><c>MSCluster_Node.State</c>.</summary>
public enum ClusterNodeState
{
    Unknown = -1,
    Up = 0,
    Down = 1,
    Paused = 2,
    Joining = 3,
}
