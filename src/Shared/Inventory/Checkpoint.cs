using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// One checkpoint (a snapshot <c>Msvm_VirtualSystemSettingData</c>) of a VM.
/// </summary>
/// <param name="Id">The checkpoint's GUID (the GUID in its <c>InstanceID</c>).</param>
/// <param name="VmId">The owning VM's GUID.</param>
/// <param name="Name">Display name (<c>ElementName</c>).</param>
/// <param name="ParentId">The checkpoint this one was taken on top of; null for a root.</param>
/// <param name="Created">When it was taken (UTC).</param>
/// <param name="Kind">What kind of checkpoint it is.</param>
/// <param name="IsAutomatic">Taken automatically by Hyper-V when the VM started.</param>
/// <param name="HasSavedState">Holds memory and device state (applying it restores a running VM).</param>
/// <param name="Disks">The disk files this checkpoint's configuration references (its frozen state).</param>
/// <param name="HeldDisks">
/// The differencing disks that record changes made since this checkpoint (the files of its children and
/// of the running state that derive from it). Deleting the checkpoint merges these; their size is the
/// space the checkpoint holds.
/// </param>
public sealed record Checkpoint(
    Guid Id,
    Guid VmId,
    string Name,
    Guid? ParentId,
    DateTimeOffset Created,
    CheckpointKind Kind,
    bool IsAutomatic,
    bool HasSavedState,
    ImmutableArray<DiskFile> Disks,
    ImmutableArray<DiskFile> HeldDisks)
{
    /// <summary>Bytes of the differencing disks this checkpoint holds; 0 while sizes are unknown.</summary>
    public long HeldBytes
    {
        get
        {
            long total = 0;
            foreach (var disk in HeldDisks)
            {
                total += disk.SizeBytes ?? 0;
            }

            return total;
        }
    }

    /// <summary>A checkpoint a user made (Standard or Production), as opposed to backup or replica points.</summary>
    public bool IsUserCheckpoint => Kind is CheckpointKind.Standard or CheckpointKind.Production;

    /// <summary>The checkpoint's age at <paramref name="now"/>, never negative.</summary>
    public TimeSpan AgeAt(DateTimeOffset now) => now > Created ? now - Created : TimeSpan.Zero;
}
