using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>Turns the validated <see cref="FleetOptions"/> into connection targets, resolving credential references.</summary>
public static class FleetTopology
{
    public static IReadOnlyList<HostTarget> Hosts(FleetOptions options, ICredentialStore credentials)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        return [.. options.Hosts.Select(h => new HostTarget(h.Name, null, Connection(h, h.Name, h.EffectiveEndpoint, options, credentials)))];
    }

    public static IReadOnlyList<ClusterTarget> Clusters(FleetOptions options, ICredentialStore credentials)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        return
        [
            .. options.Clusters.Select(c => new ClusterTarget(
                c.Name,
                Connection(c, c.Name, c.EffectiveEndpoint, options, credentials),
                node => Connection(c, node, c.NodeEndpointFor(node), options, credentials))),
        ];
    }

    private static CimConnection Connection(
        EndpointOptions endpoint, string hostName, string url, FleetOptions options, ICredentialStore credentials) =>
        new(
            hostName,
            new Uri(url),
            endpoint.Transport,
            string.IsNullOrWhiteSpace(endpoint.Credential) ? null : credentials.Find(endpoint.Credential),
            options.OperationTimeout)
        {
            Security = endpoint.ToSecurity(),
        };
}
