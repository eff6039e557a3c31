namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// Per-VM checkpoint figures, computed once when the VM's tree is built so that grids can sort and
/// filter tens of thousands of VMs without walking trees.
/// </summary>
/// <param name="Count">All checkpoints, every kind.</param>
/// <param name="UserCount">Standard and Production checkpoints.</param>
/// <param name="RecoveryCount">Recovery (backup) checkpoints.</param>
/// <param name="ReplicaCount">Replica recovery points.</param>
/// <param name="OldestCreated">Creation time of the oldest checkpoint; null without checkpoints.</param>
/// <param name="NewestCreated">Creation time of the newest checkpoint; null without checkpoints.</param>
/// <param name="MaxDepth">Checkpoints on the longest root-to-leaf chain (0 without checkpoints).</param>
/// <param name="Branches">Checkpoints with more than one child (counting the running state).</param>
/// <param name="HeldBytes">Bytes of all differencing disks the checkpoints hold (known sizes only).</param>
/// <param name="SizesKnown">False while any held disk has not been measured yet.</param>
/// <param name="WithSavedState">Checkpoints that hold memory state.</param>
public sealed record CheckpointStats(
    int Count,
    int UserCount,
    int RecoveryCount,
    int ReplicaCount,
    DateTimeOffset? OldestCreated,
    DateTimeOffset? NewestCreated,
    int MaxDepth,
    int Branches,
    long HeldBytes,
    bool SizesKnown,
    int WithSavedState)
{
    public static CheckpointStats Empty { get; } = new(0, 0, 0, 0, null, null, 0, 0, 0, true, 0);
}
