using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>
/// Keeps the objects of the previous read for what a new read of the same host found unchanged: a VM equal in every
/// property (its disks and checkpoints compared item by item) is the previous instance, and so is each unchanged
/// checkpoint and disk list of a VM that did change.
/// </summary>
/// <remarks>
/// Why: the inventory lives long, so a read's objects are promoted to the GC's oldest generation, and every full read
/// used to replace all of them. The previous generation then stayed in memory, dead, until the next full collection, and
/// copying each new generation up cost CPU. Now what a full read finds unchanged dies young instead, and the inventory
/// is held once. Equality is the records' own (with the immutable arrays, which compare by reference, made the same
/// first), so a property added to a record later takes part without anyone remembering to list it here.
/// </remarks>
public static class InventorySharing
{
    /// <summary>
    /// <paramref name="current"/>, with each VM that equals its namesake (by id) in <paramref name="previous"/> replaced
    /// by that previous instance, and the unchanged parts of the others shared.
    /// </summary>
    public static ImmutableArray<VirtualMachine> KeepUnchanged(ImmutableArray<VirtualMachine> previous, ImmutableArray<VirtualMachine> current)
    {
        if (previous.IsDefaultOrEmpty || current.IsDefaultOrEmpty)
        {
            return current;
        }

        var byId = new Dictionary<Guid, VirtualMachine>(previous.Length);
        foreach (var vm in previous)
        {
            byId.TryAdd(vm.Id, vm);
        }

        var result = ImmutableArray.CreateBuilder<VirtualMachine>(current.Length);
        foreach (var vm in current)
        {
            result.Add(byId.TryGetValue(vm.Id, out var before) ? Keep(before, vm) : vm);
        }

        return result.MoveToImmutable();
    }

    /// <summary>
    /// <paramref name="paths"/> with each path that a disk of <paramref name="vms"/> holds too replaced by that disk's
    /// string, so a path kept beside the VMs (a read's baseline keeps the paths it referenced) is not a second copy of one
    /// the shared VMs kept from an earlier read.
    /// </summary>
    public static IReadOnlyList<string> SharePaths(IReadOnlyList<string> paths, ImmutableArray<VirtualMachine> vms)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in PathsHeldBy(vms))
        {
            held.TryAdd(path, path);
        }

        var shared = new string[paths.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = held.TryGetValue(paths[i], out var same) ? same : paths[i];
        }

        return shared;
    }

    /// <summary>Every disk path <paramref name="vms"/> hold: their running disks' and their checkpoints'.</summary>
    internal static IEnumerable<string> PathsHeldBy(ImmutableArray<VirtualMachine> vms)
    {
        foreach (var vm in vms.IsDefault ? [] : vms)
        {
            foreach (var disk in vm.Disks.IsDefault ? [] : vm.Disks)
            {
                yield return disk.Path;
            }

            foreach (var checkpoint in vm.Checkpoints.IsDefault ? [] : vm.Checkpoints)
            {
                foreach (var disk in checkpoint.Disks.IsDefault ? [] : checkpoint.Disks)
                {
                    yield return disk.Path;
                }
            }
        }
    }

    /// <summary><paramref name="before"/> when <paramref name="now"/> equals it; otherwise <paramref name="now"/> sharing what did not change.</summary>
    public static VirtualMachine Keep(VirtualMachine before, VirtualMachine now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var disks = Keep(before.Disks, now.Disks);
        var checkpoints = KeepCheckpoints(before.Checkpoints, now.Checkpoints);
        var stats = Equals(before.Stats, now.Stats) ? before.Stats : now.Stats;
        var shared = disks == now.Disks && checkpoints == now.Checkpoints && ReferenceEquals(stats, now.Stats)
            ? now
            : now with { Disks = disks, Checkpoints = checkpoints, Stats = stats };
        return shared.Equals(before) ? before : shared;
    }

    private static ImmutableArray<Checkpoint> KeepCheckpoints(ImmutableArray<Checkpoint> before, ImmutableArray<Checkpoint> now)
    {
        if (before.IsDefaultOrEmpty || now.IsDefaultOrEmpty)
        {
            return now;
        }

        Dictionary<Guid, Checkpoint>? byId = null;
        var kept = new Checkpoint[now.Length];
        var anyKept = false;
        var allBefore = before.Length == now.Length;
        for (var i = 0; i < now.Length; i++)
        {
            // Hosts list a VM's checkpoints in the same order read after read: the same position first, then by id.
            var checkpoint = now[i];
            var previous = i < before.Length && before[i].Id == checkpoint.Id ? before[i] : null;
            if (previous is null)
            {
                byId ??= Index(before);
                byId.TryGetValue(checkpoint.Id, out previous);
            }

            kept[i] = previous is null ? checkpoint : Keep(previous, checkpoint);
            anyKept |= !ReferenceEquals(kept[i], checkpoint);
            allBefore = allBefore && ReferenceEquals(kept[i], before[i]);
        }

        return allBefore ? before : anyKept ? ImmutableArray.Create(kept) : now;
    }

    private static Checkpoint Keep(Checkpoint before, Checkpoint now)
    {
        var disks = Keep(before.Disks, now.Disks);
        var held = Keep(before.HeldDisks, now.HeldDisks);
        var shared = disks == now.Disks && held == now.HeldDisks ? now : now with { Disks = disks, HeldDisks = held };
        return shared.Equals(before) ? before : shared;
    }

    /// <summary><paramref name="before"/> when both hold equal disks in the same order.</summary>
    private static ImmutableArray<DiskFile> Keep(ImmutableArray<DiskFile> before, ImmutableArray<DiskFile> now)
    {
        if (before.IsDefault || now.IsDefault || before.Length != now.Length)
        {
            return now;
        }

        for (var i = 0; i < now.Length; i++)
        {
            if (!now[i].Equals(before[i]))
            {
                return now;
            }
        }

        return before;
    }

    private static Dictionary<Guid, Checkpoint> Index(ImmutableArray<Checkpoint> checkpoints)
    {
        var byId = new Dictionary<Guid, Checkpoint>(checkpoints.Length);
        foreach (var checkpoint in checkpoints)
        {
            byId.TryAdd(checkpoint.Id, checkpoint);
        }

        return byId;
    }
}
