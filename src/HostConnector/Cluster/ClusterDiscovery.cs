using System.Collections.Frozen;
using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.HostConnector.Cluster;

/// <summary>What one read of a failover cluster's <c>root\MSCluster</c> namespace found.</summary>
/// <param name="ClusterName">The cluster's own name (<c>MSCluster_Cluster.Name</c>).</param>
/// <param name="Nodes">Its nodes and their states.</param>
/// <param name="VmOwners">Clustered VM GUID → the node that owns it now (<c>MSCluster_Resource.OwnerNode</c>).</param>
/// <param name="Requests">Requests the read took.</param>
public sealed record ClusterDiscovery(
    string ClusterName,
    ImmutableArray<ClusterNodeInfo> Nodes,
    FrozenDictionary<Guid, string> VmOwners,
    int Requests);
