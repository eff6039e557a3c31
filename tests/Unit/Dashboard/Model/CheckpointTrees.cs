using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

/// <summary>
/// A VM with a branched checkpoint tree, for the rules about what operations affect:
/// <code>
/// Base (Standard, holds memory)
/// ├── A
/// │   └── A1
/// └── B
///     ├── B1
///     │   └── Now   (by default)
///     └── B2
/// </code>
/// Each checkpoint's own disk is 1 GB (Base's is a 40 GB .vhdx), and "Now" runs on a 1 GB .avhdx.
/// </summary>
internal static class CheckpointTrees
{
    public const long Gb = 1024L * 1024 * 1024;

    public static VirtualMachine Branched(
        string name = "APP01",
        VmState state = VmState.Running,
        CheckpointType type = CheckpointType.Production,
        string? current = "B1",
        string configurationVersion = "10.0",
        ReplicationMode replication = ReplicationMode.None,
        bool sizesKnown = true)
    {
        var vmId = Guid.NewGuid();
        (string Name, string? Parent, CheckpointKind Kind, bool Saved)[] spec =
        [
            ("Base", null, CheckpointKind.Standard, true),
            ("A", "Base", CheckpointKind.Production, false),
            ("A1", "A", CheckpointKind.Production, false),
            ("B", "Base", CheckpointKind.Production, false),
            ("B1", "B", CheckpointKind.Production, false),
            ("B2", "B", CheckpointKind.Production, false),
        ];
        var ids = spec.ToDictionary(s => s.Name, _ => Guid.NewGuid());
        var raw = spec.Select((s, i) => new Checkpoint(
            ids[s.Name], vmId, s.Name, s.Parent is null ? null : ids[s.Parent], Fleets.Now.AddDays(-30 + i), s.Kind, false, s.Saved,
            [s.Parent is null ? new DiskFile($@"D:\VMs\{name}\{name}.vhdx", 40 * Gb) : new DiskFile($@"D:\VMs\{name}\{s.Name}.avhdx", sizesKnown ? Gb : null)],
            [])).ToList();
        var nowDisk = new DiskFile($@"D:\VMs\{name}\now.avhdx", Gb);
        var currentId = current is null ? (Guid?)null : ids[current];
        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(raw, currentId, [nowDisk]);
        return new VirtualMachine
        {
            Id = vmId,
            Name = name,
            Host = "HV01",
            State = state,
            CheckpointType = type,
            ConfigurationVersion = configurationVersion,
            Generation = 2,
            Replication = replication,
            AutomaticCheckpoints = false,
            CheckpointFileLocation = $@"D:\VMs\{name}",
            CurrentCheckpointId = currentId,
            Disks = [nowDisk],
            Checkpoints = checkpoints,
            Stats = stats,
        };
    }

    /// <summary>A VM without checkpoints.</summary>
    public static VirtualMachine Empty(string name = "NEW01", CheckpointType type = CheckpointType.Production, string configurationVersion = "10.0") => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Host = "HV01",
        State = VmState.Off,
        CheckpointType = type,
        ConfigurationVersion = configurationVersion,
        Generation = 2,
        CheckpointFileLocation = $@"D:\VMs\{name}",
        Disks = ImmutableArray.Create(new DiskFile($@"D:\VMs\{name}\{name}.vhdx", 10 * Gb)),
    };

    public static Checkpoint Named(VirtualMachine vm, string name) => vm.Checkpoints.Single(c => c.Name == name);
}
