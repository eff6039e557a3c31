using CheckpointDashboard.Dashboard.Security.Oidc;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>Sign-in settings: the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The first administrator, for automated setups; without it a one-time password is generated and printed once.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>Single sign-on through an OpenID Connect provider (<c>Auth:Oidc</c>); off by default.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>Shortest password accepted for local accounts.</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>Failed sign-ins in a row before an account is locked out.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often a session is checked against its account (a deleted account or a changed password ends it within this time).</summary>
    public TimeSpan RevalidateSessionEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Settings of the first administrator.</summary>
    public sealed class BootstrapAdminOptions
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }
    }
}
