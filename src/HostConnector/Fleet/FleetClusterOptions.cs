namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>
/// A failover cluster (<c>Fleet:Clusters:N</c>). The dashboard asks the cluster for its nodes and reads
/// each node as a host; nodes need no entries of their own.
/// </summary>
public sealed class FleetClusterOptions : EndpointOptions
{
    /// <summary>
    /// Endpoint of each node, with <c>{node}</c> for the node's name. Default: the cluster's endpoint with its
    /// host name replaced by the node's (keeping the cluster's DNS suffix, port and path).
    /// </summary>
    public string? NodeEndpoint { get; set; }

    /// <summary>The endpoint of <paramref name="node"/>.</summary>
    public string NodeEndpointFor(string node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        if (!string.IsNullOrWhiteSpace(NodeEndpoint))
        {
            return NodeEndpoint.Replace("{node}", node, StringComparison.OrdinalIgnoreCase);
        }

        var cluster = new Uri(EffectiveEndpoint);
        var host = cluster.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        var isAddress = System.Net.IPAddress.TryParse(host, out _);
        var nodeHost = node.Contains('.', StringComparison.Ordinal) || dot < 0 || isAddress ? node : node + host[dot..];
        var builder = new UriBuilder(cluster) { Host = nodeHost };
        return builder.Uri.ToString();
    }
}
