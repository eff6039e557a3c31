using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>
/// Merges every host's VMs into one fleet list in which each VM appears once. A clustered VM can be reported
/// by two nodes at once (one node's data is stale from before a live migration, or both reads raced the
/// move); the copy kept is the current one, then the one on the node the cluster names as owner, then the
/// most recently read.
/// </summary>
public static class FleetMerger
{
    /// <param name="hosts">Every host's entry.</param>
    /// <param name="owners">Clustered VM GUID → owner node name, from cluster discovery.</param>
    /// <returns>VMs ordered by name, then host.</returns>
    public static ImmutableArray<VirtualMachine> Merge(
        IEnumerable<HostInventoryEntry> hosts, IReadOnlyDictionary<Guid, string> owners)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(owners);
        var chosen = new Dictionary<Guid, (VirtualMachine Vm, HostStatus Host)>();
        foreach (var entry in hosts)
        {
            foreach (var vm in entry.Vms)
            {
                if (!chosen.TryGetValue(vm.Id, out var existing) || IsBetter(vm, entry.Status, existing.Vm, existing.Host, owners))
                {
                    chosen[vm.Id] = (vm, entry.Status);
                }
            }
        }

        var result = new VirtualMachine[chosen.Count];
        var i = 0;
        foreach (var (vm, _) in chosen.Values)
        {
            result[i++] = vm;
        }

        Array.Sort(result, static (a, b) =>
        {
            var byName = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
            return byName != 0 ? byName : StringComparer.OrdinalIgnoreCase.Compare(a.Host, b.Host);
        });
        return ImmutableArray.Create(result);
    }

    private static bool IsBetter(
        VirtualMachine candidate, HostStatus candidateHost, VirtualMachine current, HostStatus currentHost,
        IReadOnlyDictionary<Guid, string> owners)
    {
        var candidateFresh = candidate.StaleSince is null;
        var currentFresh = current.StaleSince is null;
        if (candidateFresh != currentFresh)
        {
            return candidateFresh;
        }

        if (owners.TryGetValue(candidate.Id, out var owner))
        {
            var candidateOwns = string.Equals(owner, candidate.Host, StringComparison.OrdinalIgnoreCase);
            var currentOwns = string.Equals(owner, current.Host, StringComparison.OrdinalIgnoreCase);
            if (candidateOwns != currentOwns)
            {
                return candidateOwns;
            }
        }

        return (candidateHost.LastSuccess ?? DateTimeOffset.MinValue) > (currentHost.LastSuccess ?? DateTimeOffset.MinValue);
    }
}
