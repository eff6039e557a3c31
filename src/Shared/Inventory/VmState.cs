namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// A virtual machine's power state. The numeric values are those of Hyper-V's
/// <c>Msvm_ComputerSystem.EnabledState</c> in <c>root\virtualization\v2</c> (the same numbers the
/// Hyper-V PowerShell <c>VMState</c> enum uses), so a value read from a host converts by a cast.
/// </summary>
public enum VmState
{
    Unknown = 0,
    Other = 1,
    Running = 2,
    Off = 3,
    Stopping = 4,
    Saved = 6,
    Paused = 9,
    Starting = 10,
    Reset = 11,
    Saving = 32773,
    Pausing = 32776,
    Resuming = 32777,
    FastSaved = 32779,
    FastSaving = 32780,
}
