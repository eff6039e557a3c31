using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>The fleet overview's figures: totals, the oldest checkpoint, worst offenders and hosts in trouble.</summary>
public sealed class FleetOverview
{
    private FleetOverview(
        FleetTotals totals,
        (VirtualMachine Vm, Checkpoint Checkpoint)? oldest,
        ImmutableArray<VirtualMachine> worst,
        ImmutableArray<HostStatus> troubled,
        int standardDomainControllers)
    {
        Totals = totals;
        Oldest = oldest;
        WorstOffenders = worst;
        HostsInTrouble = troubled;
        StandardOnDomainControllers = standardDomainControllers;
    }

    public FleetTotals Totals { get; }

    /// <summary>The oldest user checkpoint in the fleet, with its VM.</summary>
    public (VirtualMachine Vm, Checkpoint Checkpoint)? Oldest { get; }

    /// <summary>VMs whose checkpoints weigh most: space held first, then count, depth and age.</summary>
    public ImmutableArray<VirtualMachine> WorstOffenders { get; }

    /// <summary>Hosts not online, or online with a warning, worst first.</summary>
    public ImmutableArray<HostStatus> HostsInTrouble { get; }

    /// <summary>VMs named like domain controllers (DC in the name) still configured for Standard checkpoints.</summary>
    public int StandardOnDomainControllers { get; }

    public static FleetOverview Build(FleetSnapshot snapshot, int offenders = 10)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        (VirtualMachine, Checkpoint)? oldest = null;
        var dcs = 0;
        foreach (var vm in snapshot.Vms)
        {
            foreach (var checkpoint in vm.Checkpoints)
            {
                if (checkpoint.IsUserCheckpoint && (oldest is null || checkpoint.Created < oldest.Value.Item2.Created))
                {
                    oldest = (vm, checkpoint);
                }
            }

            if (vm.CheckpointType == CheckpointType.Standard && LooksLikeDomainController(vm.Name))
            {
                dcs++;
            }
        }

        var worst = snapshot.Vms
            .Where(vm => vm.Stats.Count > 0)
            .OrderByDescending(vm => vm.Stats.HeldBytes)
            .ThenByDescending(vm => vm.Stats.Count)
            .ThenByDescending(vm => vm.Stats.MaxDepth)
            .ThenBy(vm => vm.Stats.OldestCreated)
            .Take(offenders)
            .ToImmutableArray();
        var troubled = snapshot.Hosts
            .Where(h => h.State == HostState.Offline || h.LastError is not null)
            .OrderBy(h => h.State == HostState.Offline ? 0 : 1)
            .ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ToImmutableArray();
        return new FleetOverview(snapshot.Totals, oldest, worst, troubled, dcs);
    }

    /// <summary>"DC01", "PRD-DC02", "corp-dc-3": a DC token in the VM name.</summary>
    public static bool LooksLikeDomainController(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tokens = name.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        return tokens.Any(t => t.StartsWith("DC", StringComparison.OrdinalIgnoreCase) &&
                               t.Skip(2).All(char.IsAsciiDigit));
    }
}
