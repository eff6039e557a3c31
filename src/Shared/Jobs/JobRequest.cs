using System.Text.Json.Serialization;

namespace CheckpointDashboard.Shared.Jobs;

/// <summary>
/// A request for an operation. <see cref="ExpectedVersion"/>, when given, is the <c>VmVersion</c> of the VM as the
/// requester saw it: if the VM changed since (a checkpoint added, renamed, removed, settings changed), the request
/// is refused with a clear message instead of acting on something the operator did not see.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$request")]
[JsonDerivedType(typeof(CreateCheckpointRequest), "create")]
[JsonDerivedType(typeof(ApplyCheckpointRequest), "apply")]
[JsonDerivedType(typeof(RevertVmRequest), "revert")]
[JsonDerivedType(typeof(RenameCheckpointRequest), "rename")]
[JsonDerivedType(typeof(ExportCheckpointRequest), "export")]
[JsonDerivedType(typeof(DeleteCheckpointRequest), "delete")]
[JsonDerivedType(typeof(ChangeCheckpointSettingsRequest), "settings")]
public abstract record JobRequest(Guid VmId, string? ExpectedVersion)
{
    public abstract JobKind Kind { get; }
}

/// <summary>Create a checkpoint of the type configured for the VM; <see cref="Name"/> null for Hyper-V's default name.</summary>
public sealed record CreateCheckpointRequest(Guid VmId, string? Name, string? ExpectedVersion = null) : JobRequest(VmId, ExpectedVersion)
{
    public override JobKind Kind => JobKind.CreateCheckpoint;
}

/// <summary>Apply a checkpoint; a running VM is saved first and restarted afterwards when the checkpoint holds memory.</summary>
public sealed record ApplyCheckpointRequest(Guid VmId, Guid CheckpointId, bool CreateCheckpointFirst, string? ExpectedVersion = null)
    : JobRequest(VmId, ExpectedVersion)
{
    public override JobKind Kind => JobKind.ApplyCheckpoint;
}

/// <summary>Apply the checkpoint the VM's current state derives from.</summary>
public sealed record RevertVmRequest(Guid VmId, string? ExpectedVersion = null) : JobRequest(VmId, ExpectedVersion)
{
    public override JobKind Kind => JobKind.RevertVm;
}

public sealed record RenameCheckpointRequest(Guid VmId, Guid CheckpointId, string NewName, string? ExpectedVersion = null)
    : JobRequest(VmId, ExpectedVersion)
{
    public override JobKind Kind => JobKind.RenameCheckpoint;
}

/// <summary>Export one checkpoint (with its storage) to a folder on the host.</summary>
public sealed record ExportCheckpointRequest(Guid VmId, Guid CheckpointId, string Path, string? ExpectedVersion = null)
    : JobRequest(VmId, ExpectedVersion)
{
    public override JobKind Kind => JobKind.ExportCheckpoint;
}

/// <summary>Delete a checkpoint (merging its disks), or it and all its descendants.</summary>
public sealed record DeleteCheckpointRequest(Guid VmId, Guid CheckpointId, bool IncludeSubtree, string? ExpectedVersion = null)
    : JobRequest(VmId, ExpectedVersion)
{
    public override JobKind Kind => IncludeSubtree ? JobKind.DeleteCheckpointSubtree : JobKind.DeleteCheckpoint;
}

/// <summary>Change a VM's checkpoint settings; null leaves a setting as it is.</summary>
public sealed record ChangeCheckpointSettingsRequest(
    Guid VmId,
    Inventory.CheckpointType? CheckpointType,
    bool? AutomaticCheckpoints,
    string? CheckpointFileLocation,
    string? ExpectedVersion = null) : JobRequest(VmId, ExpectedVersion)
{
    public override JobKind Kind => JobKind.ChangeCheckpointSettings;
}
