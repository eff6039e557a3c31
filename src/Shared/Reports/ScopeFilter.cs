using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>The scope part of a compiled <see cref="ReportFilter"/>: clusters, hosts and the VM name.</summary>
internal sealed class ScopeFilter
{
    private readonly HashSet<string>? _clusters;
    private readonly HashSet<string>? _hosts;
    private readonly WildcardPattern? _name;

    public ScopeFilter(ReportFilter filter)
    {
        _clusters = filter.Clusters.IsDefaultOrEmpty ? null : new HashSet<string>(filter.Clusters, StringComparer.OrdinalIgnoreCase);
        _hosts = filter.Hosts.IsDefaultOrEmpty ? null : new HashSet<string>(filter.Hosts, StringComparer.OrdinalIgnoreCase);
        _name = string.IsNullOrWhiteSpace(filter.VmNamePattern) ? null : new WildcardPattern([filter.VmNamePattern]);
    }

    public bool Covers(VirtualMachine vm) => CoversPlace(vm.Host, vm.Cluster) && (_name is null || _name.IsMatch(vm.Name));

    /// <summary>A host (and its files) is covered when it passes the cluster and host lists; a VM name filter hides files.</summary>
    public bool CoversHost(string host, string? cluster) => CoversPlace(host, cluster);

    public bool CoversFiles(string host, string? cluster) => _name is null && CoversPlace(host, cluster);

    private bool CoversPlace(string host, string? cluster) =>
        (_clusters is null || _clusters.Contains(cluster ?? string.Empty)) && (_hosts is null || _hosts.Contains(host));
}
