using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Shared.Inventory;

/// <summary>Checkpoints, disks and VMs with readable ids and times for the inventory tests.</summary>
internal static class InventoryTestData
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public static readonly Guid VmId = new("6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10");

    /// <summary>A GUID whose last group is <paramref name="n"/>, so test output stays readable.</summary>
    public static Guid G(int n) => new(n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static DiskFile Disk(string path, long? size = null) => new(path, size);

    public static Checkpoint Cp(
        int id,
        int? parent,
        int minutes,
        CheckpointKind kind = CheckpointKind.Standard,
        bool saved = false,
        params DiskFile[] disks) =>
        new(G(id), VmId, $"cp{id}", parent is { } p ? G(p) : null, T0.AddMinutes(minutes), kind, false, saved, [.. disks], []);

    public static Checkpoint Find(ImmutableArray<Checkpoint> checkpoints, int id) => Assert.Single(checkpoints, c => c.Id == G(id));

    public static string[] Paths(ImmutableArray<DiskFile> disks) => [.. disks.Select(d => d.Path)];

    public static VirtualMachine Vm(
        IEnumerable<Checkpoint> checkpoints,
        int? current,
        Guid? id = null,
        string name = "DC01",
        string host = "HV01",
        VmState state = VmState.Running)
    {
        var list = checkpoints.ToList();
        var (completed, stats) = CheckpointTreeBuilder.Complete(list, current is { } c ? G(c) : null, []);
        return new VirtualMachine
        {
            Id = id ?? VmId,
            Name = name,
            Host = host,
            State = state,
            CurrentCheckpointId = current is { } cur ? G(cur) : null,
            Checkpoints = completed,
            Stats = stats,
        };
    }
}
