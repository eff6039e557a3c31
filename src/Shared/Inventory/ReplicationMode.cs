namespace CheckpointDashboard.Shared.Inventory;

/// <summary><c>Msvm_ComputerSystem.ReplicationMode</c>.</summary>
public enum ReplicationMode
{
    None = 0,
    Primary = 1,
    Replica = 2,
    TestReplica = 3,
    ExtendedReplica = 4,
}
