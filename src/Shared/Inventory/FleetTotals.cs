namespace CheckpointDashboard.Shared.Inventory;

/// <summary>Fleet-wide figures for the overview, computed once per snapshot.</summary>
public sealed record FleetTotals(
    int Hosts,
    int HostsOnline,
    int HostsOffline,
    int HostsConnecting,
    int Clusters,
    int Vms,
    int VmsRunning,
    int VmsWithCheckpoints,
    int Checkpoints,
    long CheckpointBytes,
    int StaleVms)
{
    public static FleetTotals Compute(IReadOnlyCollection<HostStatus> hosts, int clusters, IReadOnlyCollection<VirtualMachine> vms)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(vms);
        int online = 0, offline = 0, connecting = 0;
        foreach (var host in hosts)
        {
            switch (host.State)
            {
                case HostState.Online:
                    online++;
                    break;
                case HostState.Offline:
                    offline++;
                    break;
                default:
                    connecting++;
                    break;
            }
        }

        int running = 0, withCheckpoints = 0, checkpoints = 0, stale = 0;
        long bytes = 0;
        foreach (var vm in vms)
        {
            running += vm.State == VmState.Running ? 1 : 0;
            withCheckpoints += vm.Stats.Count > 0 ? 1 : 0;
            checkpoints += vm.Stats.Count;
            bytes += vm.Stats.HeldBytes;
            stale += vm.StaleSince is null ? 0 : 1;
        }

        return new FleetTotals(hosts.Count, online, offline, connecting, clusters, vms.Count, running,
            withCheckpoints, checkpoints, bytes, stale);
    }
}
