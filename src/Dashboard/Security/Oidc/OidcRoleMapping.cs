using System.Collections.Immutable;

namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>What <see cref="OidcRoleMapper"/> made of a user's claims.</summary>
/// <param name="Roles">The roles their groups map to, without duplicates; empty when no group is mapped.</param>
/// <param name="Groups">Every group (and app role) read from the claims.</param>
/// <param name="GroupsOverage">
/// The provider left the groups out because there are too many (Entra ID's "groups overage"): only app roles counted.
/// </param>
public sealed record OidcRoleMapping(ImmutableArray<OidcMappedRole> Roles, ImmutableArray<string> Groups, bool GroupsOverage);
