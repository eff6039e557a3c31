using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Inventory;

/// <summary>
/// One consistent, immutable view of the whole fleet. A new snapshot replaces the old one whenever a
/// host's data changes; readers never see a half-applied refresh.
/// </summary>
public sealed class FleetSnapshot
{
    private readonly Dictionary<Guid, VirtualMachine> _vmsById;
    private FrozenDictionary<Guid, (VirtualMachine Vm, Checkpoint Checkpoint)>? _checkpointsById;

    public FleetSnapshot(
        long version,
        DateTimeOffset takenAt,
        bool isSimulated,
        ImmutableArray<HostStatus> hosts,
        ImmutableArray<ClusterInfo> clusters,
        ImmutableArray<VirtualMachine> vms)
    {
        Version = version;
        TakenAt = takenAt;
        IsSimulated = isSimulated;
        Hosts = hosts;
        Clusters = clusters;
        Vms = vms;
        // A plain dictionary, not a frozen one: a snapshot lives seconds, and building a frozen index of 25,000 VMs costs
        // more than all the lookups it will serve. Read-only after construction, so safe for concurrent readers.
        _vmsById = new Dictionary<Guid, VirtualMachine>(vms.Length);
        foreach (var vm in vms)
        {
            _vmsById.Add(vm.Id, vm);
        }

        Totals = FleetTotals.Compute(hosts, clusters.Length, vms);
    }

    /// <summary>An empty fleet, before anything has been read.</summary>
    public static FleetSnapshot Empty(DateTimeOffset now, bool isSimulated) => new(0, now, isSimulated, [], [], []);

    /// <summary>Increases with every published change.</summary>
    public long Version { get; }

    public DateTimeOffset TakenAt { get; }

    /// <summary>True when the fleet is the built-in simulator, not real hosts.</summary>
    public bool IsSimulated { get; }

    public ImmutableArray<HostStatus> Hosts { get; }

    public ImmutableArray<ClusterInfo> Clusters { get; }

    /// <summary>Every VM once, clustered VMs included once whichever node owns them.</summary>
    public ImmutableArray<VirtualMachine> Vms { get; }

    public FleetTotals Totals { get; }

    public VirtualMachine? FindVm(Guid id) => _vmsById.GetValueOrDefault(id);

    /// <summary>A checkpoint anywhere in the fleet, with its VM; the index is built on first use.</summary>
    public (VirtualMachine Vm, Checkpoint Checkpoint)? FindCheckpoint(Guid id)
    {
        var index = _checkpointsById ??= BuildCheckpointIndex(Vms);
        return index.TryGetValue(id, out var found) ? found : null;
    }

    private static FrozenDictionary<Guid, (VirtualMachine, Checkpoint)> BuildCheckpointIndex(ImmutableArray<VirtualMachine> vms)
    {
        // A host that reports the same checkpoint id twice is broken; the first one wins rather than failing the page.
        var index = new Dictionary<Guid, (VirtualMachine, Checkpoint)>();
        foreach (var vm in vms)
        {
            foreach (var checkpoint in vm.Checkpoints)
            {
                index.TryAdd(checkpoint.Id, (vm, checkpoint));
            }
        }

        return index.ToFrozenDictionary();
    }

    public HostStatus? FindHost(string name) =>
        Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
}
