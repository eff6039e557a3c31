namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// What a single checkpoint is. Hyper-V stores <c>VirtualSystemType</c> per checkpoint but not whether a
/// user checkpoint was Standard or Production: a user checkpoint that holds saved memory
/// (<c>IsSaved</c>) is reported as <see cref="Standard"/>, one without as <see cref="Production"/>.
/// A Standard checkpoint taken while the VM was off also holds no memory and is therefore reported as
/// Production; the distinction that matters for safety (memory state restored on apply) is preserved.
/// </summary>
public enum CheckpointKind
{
    Standard,
    Production,
    Recovery,
    Replica,
    Planned,
    Missing,
}
