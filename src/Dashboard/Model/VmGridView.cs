using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// The rows the VM grid shows for a snapshot and a filter, with the counts shown above it. Computed in one pass
/// over the fleet, off the render path, so typing in the search box stays fast at tens of thousands of VMs.
/// </summary>
public sealed class VmGridView
{
    private VmGridView(ImmutableArray<VirtualMachine> rows, int total, int checkpoints, long bytes, int stale)
    {
        Rows = rows;
        Total = total;
        Checkpoints = checkpoints;
        CheckpointBytes = bytes;
        Stale = stale;
    }

    public ImmutableArray<VirtualMachine> Rows { get; }

    /// <summary>VMs in the fleet before filtering.</summary>
    public int Total { get; }

    /// <summary>Checkpoints of the rows shown.</summary>
    public int Checkpoints { get; }

    public long CheckpointBytes { get; }

    /// <summary>Rows whose data is stale.</summary>
    public int Stale { get; }

    public static VmGridView Empty { get; } = new([], 0, 0, 0, 0);

    public static VmGridView Build(FleetSnapshot snapshot, VmFilter filter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(filter);
        int checkpoints = 0, stale = 0;
        long bytes = 0;
        if (filter.IsEmpty)
        {
            // Every VM: the snapshot's own array, not a copy (each open grid would otherwise keep one of the whole fleet).
            foreach (var vm in snapshot.Vms)
            {
                checkpoints += vm.Stats.Count;
                bytes += vm.Stats.HeldBytes;
                stale += vm.StaleSince is null ? 0 : 1;
            }

            return new VmGridView(snapshot.Vms, snapshot.Vms.Length, checkpoints, bytes, stale);
        }

        var rows = ImmutableArray.CreateBuilder<VirtualMachine>();
        foreach (var vm in snapshot.Vms)
        {
            if (filter.Matches(vm, now))
            {
                rows.Add(vm);
                checkpoints += vm.Stats.Count;
                bytes += vm.Stats.HeldBytes;
                stale += vm.StaleSince is null ? 0 : 1;
            }
        }

        return new VmGridView(rows.DrainToImmutable(), snapshot.Vms.Length, checkpoints, bytes, stale);
    }

    /// <summary>The group key of <paramref name="vm"/> under <paramref name="grouping"/>.</summary>
    public static string GroupKey(VirtualMachine vm, VmGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return grouping switch
        {
            VmGrouping.Cluster => vm.Cluster ?? "(standalone)",
            VmGrouping.Host => vm.Host,
            VmGrouping.State => vm.State.ToString(),
            VmGrouping.CheckpointType => vm.CheckpointType.ToString(),
            _ => string.Empty,
        };
    }
}
