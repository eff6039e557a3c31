using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;

namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>
/// Turns a provider's claims into roles through <c>Auth:Oidc:GroupRoles</c>. Pure: no store, no clock; the caller decides
/// what to do with the result. Groups are compared without regard to case, and a leading <c>/</c> is ignored so that a
/// Keycloak group path (<c>/ops</c>) matches however it was written in the configuration.
/// </summary>
public sealed class OidcRoleMapper(ILogger<OidcRoleMapper> logger)
{
    /// <summary>Entra ID app roles (and Keycloak client roles, when mapped so): counted as groups.</summary>
    public const string RolesClaim = "roles";

    /// <summary>Present instead of <c>groups</c> when Entra ID has too many groups to put in the token.</summary>
    public const string OverageClaim = "_claim_names";

    /// <summary>Entra ID's implicit-flow form of the overage signal.</summary>
    public const string HasGroupsClaim = "hasgroups";

    public OidcRoleMapping Map(IEnumerable<Claim> claims, OidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(options);
        var all = claims.ToList();
        var overage = all.Any(c => c.Type is OverageClaim or HasGroupsClaim);
        if (overage)
        {
            // Following the overage link would mean calling Microsoft Graph with the user's token; asking the app
            // registration for fewer groups (or app roles) keeps sign-in to the one provider round trip.
            logger.LogWarning(
                "The provider left out the groups claim because the user has too many groups (groups overage); only app roles are mapped. " +
                "Make the app registration emit only the groups assigned to the application, or map app roles ({RolesClaim}) in Auth:Oidc:GroupRoles",
                RolesClaim);
        }

        var groups = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var claim in all)
        {
            var isGroup = !overage && string.Equals(claim.Type, options.GroupsClaim, StringComparison.Ordinal);
            if (!isGroup && !string.Equals(claim.Type, RolesClaim, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var value in Values(claim.Value))
            {
                if (seen.Add(value))
                {
                    groups.Add(value);
                }
            }
        }

        var memberOf = groups.Select(Normalize).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var roles = new List<OidcMappedRole>();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in options.GroupRoles)
        {
            if (mapping.Group is not { } group || mapping.Role is not { } role || !memberOf.Contains(Normalize(group)))
            {
                continue;
            }

            var mapped = new OidcMappedRole(role.Trim(), Clean(mapping.Clusters), Clean(mapping.Hosts));
            if (keys.Add(mapped.ToString()))
            {
                roles.Add(mapped);
            }
        }

        return new OidcRoleMapping([.. roles], [.. groups], overage);
    }

    private static string Normalize(string group) => group.Trim().TrimStart('/');

    private static ImmutableArray<string> Clean(List<string>? names) =>
        names is null ? [] : [.. names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// One claim per group is the usual shape; some providers (and user info answers mapped as one claim) send the whole
    /// list as a JSON array in one value.
    /// </summary>
    private static IEnumerable<string> Values(string value)
    {
        var text = value.Trim();
        if (text.StartsWith('['))
        {
            List<string>? parsed = null;
            try
            {
                parsed = JsonSerializer.Deserialize<List<string>>(text);
            }
            catch (JsonException)
            {
                // Not a JSON list after all: a group whose name starts with a bracket.
            }

            if (parsed is not null)
            {
                return parsed.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim());
            }
        }

        return text.Length == 0 ? [] : [text];
    }
}
