using System.Collections.Immutable;

namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>A role a signed-in user gets from one of their groups, over the whole fleet when both scopes are empty.</summary>
public sealed record OidcMappedRole(string Role, ImmutableArray<string> Clusters, ImmutableArray<string> Hosts)
{
    /// <summary>For the audit trail and logs: <c>Operator</c>, or <c>Operator(clusters=PROD; hosts=HV01)</c>.</summary>
    public override string ToString()
    {
        var scopes = new List<string>(2);
        if (!Clusters.IsDefaultOrEmpty)
        {
            scopes.Add($"clusters={string.Join(',', Clusters)}");
        }

        if (!Hosts.IsDefaultOrEmpty)
        {
            scopes.Add($"hosts={string.Join(',', Hosts)}");
        }

        return scopes.Count == 0 ? Role : $"{Role}({string.Join("; ", scopes)})";
    }
}
