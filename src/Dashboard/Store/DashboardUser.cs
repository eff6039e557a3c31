using Microsoft.AspNetCore.Identity;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>A local account (ASP.NET Core Identity: hashed password, lockout) or a user first seen through OpenID Connect.</summary>
public sealed class DashboardUser : IdentityUser
{
    /// <summary>Set for a generated first password: every page sends the user to change it first.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
