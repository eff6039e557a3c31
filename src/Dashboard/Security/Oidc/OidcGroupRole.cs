namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>
/// One line of <c>Auth:Oidc:GroupRoles</c>: members of <see cref="Group"/> get <see cref="Role"/> (a built-in or custom
/// role's name), over the whole fleet, or only the listed clusters and hosts.
/// </summary>
public sealed class OidcGroupRole
{
    /// <summary>The group as the provider names it: an object id (Entra ID), a path (Keycloak), a name (ADFS), or an app role.</summary>
    public string? Group { get; set; }

    public string? Role { get; set; }

    /// <summary>Clusters the role is limited to; with <see cref="Hosts"/> both empty, the whole fleet.</summary>
    public List<string> Clusters { get; set; } = [];

    /// <summary>Hosts the role is limited to.</summary>
    public List<string> Hosts { get; set; } = [];
}
