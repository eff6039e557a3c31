namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>
/// Single sign-on through an OpenID Connect provider (Entra ID, ADFS, Keycloak, …): the <c>Auth:Oidc</c> section. Off
/// unless <see cref="Enabled"/>; local accounts keep working beside it.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>The authentication scheme of the provider (also the login provider name stored with each linked user).</summary>
    public const string Scheme = "oidc";

    /// <summary>The scopes asked for when <see cref="Scopes"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultScopes { get; } = ["openid", "profile", "email"];

    /// <summary>The user name claims tried, in order, after <see cref="UserNameClaim"/>.</summary>
    public static IReadOnlyList<string> UserNameFallbacks { get; } = ["upn", "email", "name"];

    public bool Enabled { get; set; }

    /// <summary>Shown on the sign-in page as "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c> or <c>https://keycloak.example/realms/ops</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>
    /// The client secret; set it through the environment (<c>Auth__Oidc__ClientSecret</c>), not a file. Never logged.
    /// Empty for a public client (the code flow always uses PKCE).
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The scopes to ask for; empty means <see cref="DefaultScopes"/>. (A list default would be appended to by the
    /// configuration binder rather than replaced, so the default lives in <see cref="EffectiveScopes"/>.)
    /// </summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The claim holding the user name; when absent, <see cref="UserNameFallbacks"/> are tried.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// The claim holding the user's groups: Entra ID emits group object ids in <c>groups</c>, Keycloak group paths
    /// (e.g. <c>/ops/admins</c>) in whatever its group mapper names (usually <c>groups</c>), ADFS
    /// <c>http://schemas.xmlsoap.org/claims/Group</c>. Values of the <c>roles</c> claim (Entra app roles) count as
    /// groups too.
    /// </summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Which group gives which role; a user none of whose groups is mapped cannot sign in.</summary>
    public List<OidcGroupRole> GroupRoles { get; set; } = [];

    /// <summary>False only for a provider on plain HTTP in a lab; the metadata (and the keys) then travel unprotected.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Where the provider sends the browser back; register <c>https://{dashboard}{CallbackPath}</c> with it.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>The configured scopes, or the defaults; always with <c>openid</c>.</summary>
    public IReadOnlyList<string> EffectiveScopes =>
        Scopes.Count == 0
            ? DefaultScopes
            : [.. Scopes.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Prepend("openid").Distinct(StringComparer.Ordinal)];
}
