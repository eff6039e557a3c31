using System.Collections.Frozen;
using System.Collections.Immutable;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.Cluster;

/// <summary>
/// Discovers a failover cluster's nodes and which node owns each clustered VM, in three queries
/// (see <c>shared/reference/cluster-and-disks-wmi.md</c>, A.6).
/// </summary>
public static class ClusterReader
{
    public const string ClusterQuery = "SELECT Name FROM MSCluster_Cluster";
    public const string NodeQuery = "SELECT Name, State FROM MSCluster_Node";

    /// <summary>
    /// Only <c>Virtual Machine</c> resources: a VM role may also hold a <c>Virtual Machine Configuration</c>
    /// resource with the same <c>VmID</c>, which would count the VM twice.
    /// </summary>
    public const string VmResourceQuery =
        "SELECT Name, OwnerNode, State, PrivateProperties FROM MSCluster_Resource WHERE Type = 'Virtual Machine'";

    public static async Task<ClusterDiscovery> ReadAsync(ICimSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var clusters = await session.QueryAsync(CimNamespaces.Cluster, ClusterQuery, cancellationToken).ConfigureAwait(false);
        var nodes = await session.QueryAsync(CimNamespaces.Cluster, NodeQuery, cancellationToken).ConfigureAwait(false);
        var resources = await session.QueryAsync(CimNamespaces.Cluster, VmResourceQuery, cancellationToken).ConfigureAwait(false);
        return Map(clusters, nodes, resources);
    }

    public static ClusterDiscovery Map(
        IReadOnlyList<CimInstance> clusters, IReadOnlyList<CimInstance> nodes, IReadOnlyList<CimInstance> resources)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(resources);
        if (clusters.Count == 0)
        {
            throw new CimException(CimErrorKind.NotFound,
                "The host answered, but root\\MSCluster has no MSCluster_Cluster instance: it is not a cluster node.");
        }

        var name = clusters[0].RequireString("Name");
        var nodeList = ImmutableArray.CreateBuilder<ClusterNodeInfo>(nodes.Count);
        foreach (var node in nodes)
        {
            var state = node.GetSignedState("State") switch
            {
                { } s when Enum.IsDefined(typeof(ClusterNodeState), (int)s) => (ClusterNodeState)(int)s,
                _ => ClusterNodeState.Unknown,
            };
            nodeList.Add(new ClusterNodeInfo(node.RequireString("Name"), state));
        }

        var owners = new Dictionary<Guid, string>();
        foreach (var resource in resources)
        {
            var vmId = resource.GetInstance("PrivateProperties")?.GetString("VmID");
            var owner = resource.GetString("OwnerNode");
            if (vmId is null || owner is null)
            {
                continue;
            }

            if (!Guid.TryParse(vmId, out var id))
            {
                throw new CimMappingException(resource.ClassName, "PrivateProperties.VmID", $"'{vmId}' is not a GUID");
            }

            owners[id] = owner;
        }

        return new ClusterDiscovery(
            name,
            [.. nodeList.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)],
            owners.ToFrozenDictionary(),
            3);
    }
}
