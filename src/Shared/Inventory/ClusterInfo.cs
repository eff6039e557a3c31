using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Inventory;

/// <summary>A failover cluster: its nodes as last discovered, and how discovery went.</summary>
public sealed record ClusterInfo
{
    public required string Name { get; init; }

    public required string Endpoint { get; init; }

    public ImmutableArray<ClusterNodeInfo> Nodes { get; init; } = [];

    public DateTimeOffset? LastSuccess { get; init; }

    public string? LastError { get; init; }

    /// <summary>Clustered VMs (the cluster's VM resources) as last discovered.</summary>
    public int VmResourceCount { get; init; }
}
