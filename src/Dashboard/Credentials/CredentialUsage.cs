using CheckpointDashboard.HostConnector.Fleet;

namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>Which configured hosts and clusters name a credential.</summary>
public static class CredentialUsage
{
    /// <summary>The hosts, then the clusters (marked as such), that name <paramref name="name"/>, in configuration order.</summary>
    public static IReadOnlyList<string> UsedBy(FleetOptions fleet, string name)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return
        [
            .. fleet.Hosts.Where(h => CredentialName.Comparer.Equals(h.Credential, name)).Select(h => h.Name),
            .. fleet.Clusters.Where(c => CredentialName.Comparer.Equals(c.Credential, name)).Select(c => $"{c.Name} (cluster)"),
        ];
    }
}
