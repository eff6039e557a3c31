namespace CheckpointDashboard.Shared.Jobs;

/// <summary>What a job does. Every mutating operation on a host is one of these.</summary>
public enum JobKind
{
    CreateCheckpoint,
    ApplyCheckpoint,

    /// <summary>Apply the checkpoint the VM's current state derives from (Hyper-V Manager's "Revert").</summary>
    RevertVm,
    RenameCheckpoint,
    ExportCheckpoint,
    DeleteCheckpoint,
    DeleteCheckpointSubtree,
    ChangeCheckpointSettings,
}
