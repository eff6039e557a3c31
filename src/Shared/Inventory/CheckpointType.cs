namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// The checkpoint type configured for a VM (<c>Msvm_VirtualSystemSettingData.UserSnapshotType</c>,
/// PowerShell <c>Set-VM -CheckpointType</c>). The numeric values are Hyper-V's.
/// </summary>
public enum CheckpointType
{
    /// <summary>The host did not report a type (configuration version below 6.2, or an unknown code).</summary>
    Unknown = 0,

    /// <summary>No checkpoints can be created.</summary>
    Disabled = 2,

    /// <summary>Application-consistent (VSS / fsfreeze); falls back to Standard when the guest cannot quiesce.</summary>
    Production = 3,

    /// <summary>Application-consistent; creation fails instead of falling back to Standard.</summary>
    ProductionOnly = 4,

    /// <summary>Memory and device state included; not application-consistent.</summary>
    Standard = 5,
}
