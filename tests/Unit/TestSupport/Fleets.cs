using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>Hand-built domain objects for tests that need a fleet without a simulator.</summary>
internal static class Fleets
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static VirtualMachine Vm(
        string name,
        string host = "HV01",
        string? cluster = null,
        VmState state = VmState.Running,
        CheckpointType type = CheckpointType.Production,
        int checkpoints = 0,
        int oldestDays = 1,
        long bytesPerCheckpoint = 1024L * 1024 * 1024,
        DateTimeOffset? staleSince = null)
    {
        var id = Guid.NewGuid();
        var list = new List<Checkpoint>();
        Guid? parent = null;
        for (var i = 0; i < checkpoints; i++)
        {
            var cid = Guid.NewGuid();
            list.Add(new Checkpoint(cid, id, $"{name} cp{i}", parent, Now.AddDays(-oldestDays + i), CheckpointKind.Production,
                false, false, [new DiskFile($@"D:\VMs\{name}\d{i}.avhdx", null)], []));
            parent = cid;
        }

        var current = ImmutableArray.Create(new DiskFile($@"D:\VMs\{name}\now.avhdx", bytesPerCheckpoint));
        var held = list.Select((c, i) => c with
        {
            HeldDisks = [new DiskFile($@"D:\VMs\{name}\held{i}.avhdx", bytesPerCheckpoint)],
        }).ToList();
        var (completed, stats) = CheckpointTreeBuilder.Complete(list, parent, current);
        stats = stats with { HeldBytes = bytesPerCheckpoint * checkpoints };
        return new VirtualMachine
        {
            Id = id,
            Name = name,
            Host = host,
            Cluster = cluster,
            State = state,
            CheckpointType = type,
            ConfigurationVersion = "10.0",
            Generation = 2,
            CurrentCheckpointId = parent,
            Disks = current,
            Checkpoints = checkpoints == 0 ? [] : [.. completed.Select((c, i) => c with { HeldDisks = held[i].HeldDisks })],
            Stats = stats,
            StaleSince = staleSince,
        };
    }

    public static HostStatus Host(string name, HostState state = HostState.Online, string? cluster = null, string? error = null,
        HostErrorKind kind = HostErrorKind.None) => new()
    {
        Name = name,
        Cluster = cluster,
        Endpoint = $"sim://{name}",
        State = state,
        LastError = error,
        LastErrorKind = kind,
        LastSuccess = state == HostState.Online ? Now.AddSeconds(-10) : null,
    };

    public static FleetSnapshot Snapshot(IEnumerable<VirtualMachine> vms, IEnumerable<HostStatus>? hosts = null, long version = 1,
        IEnumerable<ClusterInfo>? clusters = null)
    {
        var vmList = vms.ToImmutableArray();
        var hostList = hosts?.ToImmutableArray() ??
            [.. vmList.Select(v => v.Host).Distinct().Select(h => Host(h))];
        return new FleetSnapshot(version, Now, isSimulated: true, hostList, clusters?.ToImmutableArray() ?? [], vmList);
    }
}
