using System.Collections.Immutable;

namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>How <see cref="OidcSignIn.CompleteAsync"/> ended.</summary>
/// <param name="UserName">The dashboard user name (or the provider's, when refused before one existed); null when unknown.</param>
/// <param name="Roles">The roles the user now holds through their groups.</param>
/// <param name="Refusal">Why the user was not signed in; <see cref="OidcRefusal.None"/> on success.</param>
public sealed record OidcSignInResult(string? UserName, ImmutableArray<OidcMappedRole> Roles, OidcRefusal Refusal)
{
    public bool Succeeded => Refusal == OidcRefusal.None;
}
