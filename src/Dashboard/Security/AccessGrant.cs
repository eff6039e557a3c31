using System.Collections.Immutable;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// Rights over part of the fleet, from one role assignment: everywhere (no clusters and no hosts), or only on the listed
/// clusters and hosts.
/// </summary>
public sealed record AccessGrant(Right Rights, ImmutableArray<string> Clusters, ImmutableArray<string> Hosts)
{
    public bool IsFleetWide => Clusters.IsDefaultOrEmpty && Hosts.IsDefaultOrEmpty;

    /// <summary>
    /// Whether this grant gives <paramref name="right"/> on a VM of <paramref name="host"/> in <paramref name="cluster"/>.
    /// With no VM in view (both null), only a fleet-wide grant covers it.
    /// </summary>
    public bool Covers(Right right, string? cluster, string? host) =>
        (Rights & right) == right &&
        (IsFleetWide ||
         (cluster is not null && !Clusters.IsDefaultOrEmpty && Clusters.Contains(cluster, StringComparer.OrdinalIgnoreCase)) ||
         (host is not null && !Hosts.IsDefaultOrEmpty && Hosts.Contains(host, StringComparer.OrdinalIgnoreCase)));

    /// <summary>Whether this grant gives <paramref name="right"/> anywhere at all.</summary>
    public bool HasAnywhere(Right right) => (Rights & right) == right;
}
