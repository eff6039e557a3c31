namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// A long-running operation Hyper-V reports on a VM through the secondary
/// <c>Msvm_ComputerSystem.OperationalStatus[1]</c> value; <see cref="None"/> when the VM is idle.
/// </summary>
public enum VmActivity
{
    None = 0,
    CreatingCheckpoint = 32768,
    ApplyingCheckpoint = 32769,
    DeletingCheckpoint = 32770,
    WaitingToStart = 32771,
    MergingDisks = 32772,
    Exporting = 32773,
    Migrating = 32774,
}
