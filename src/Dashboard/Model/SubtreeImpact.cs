using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// What deleting a checkpoint together with all its descendants affects: exactly which checkpoints go, whether the
/// VM's current state ("Now") derives from one of them, and the disk space their merges free or move.
/// </summary>
/// <param name="Root">The checkpoint the operator chose.</param>
/// <param name="Checkpoints">The root and every descendant, parents before children (tree order).</param>
/// <param name="IncludesNow">True when "Now" sits inside the subtree.</param>
/// <param name="NowDerivesFromAfter">
/// Where "Now" derives from after the deletion when it is inside the subtree: the root's parent, or null when the root
/// is a root of the tree. Deleting checkpoints never discards the current state; its disks are merged instead.
/// </param>
/// <param name="HeldBytes">Bytes of the differencing disks the deleted checkpoints hold.</param>
/// <param name="SizesKnown">False while any of those disks has not been measured.</param>
public sealed record SubtreeImpact(
    Checkpoint Root,
    ImmutableArray<Checkpoint> Checkpoints,
    bool IncludesNow,
    Checkpoint? NowDerivesFromAfter,
    long HeldBytes,
    bool SizesKnown)
{
    /// <summary>The subtree of <paramref name="checkpointId"/> in <paramref name="vm"/>; null when the VM has no such checkpoint.</summary>
    public static SubtreeImpact? Of(VirtualMachine vm, Guid checkpointId)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var node = CheckpointTreeNode.Build(vm)
            .SelectMany(root => root.DescendantsAndSelf())
            .FirstOrDefault(n => n.Checkpoint?.Id == checkpointId);
        if (node?.Checkpoint is not { } root)
        {
            return null;
        }

        var checkpoints = ImmutableArray.CreateBuilder<Checkpoint>();
        var includesNow = false;
        foreach (var item in node.DescendantsAndSelf())
        {
            if (item.Checkpoint is { } checkpoint)
            {
                checkpoints.Add(checkpoint);
            }
            else
            {
                includesNow = true;
            }
        }

        long bytes = 0;
        var known = true;
        foreach (var disk in checkpoints.SelectMany(c => c.HeldDisks.IsDefault ? [] : c.HeldDisks))
        {
            bytes += disk.SizeBytes ?? 0;
            known &= disk.SizeBytes is not null;
        }

        var parent = includesNow && root.ParentId is { } parentId ? vm.Checkpoints.FirstOrDefault(c => c.Id == parentId) : null;
        return new SubtreeImpact(root, checkpoints.ToImmutable(), includesNow, parent, bytes, known);
    }
}
