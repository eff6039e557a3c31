using System.Security.Claims;
using CheckpointDashboard.Dashboard.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// The signed-in user's claims: Identity's (name, id, security stamp) plus <see cref="MustChangePasswordClaim"/> while a
/// generated password has not been replaced. (Rights are not claims: they are read from the store by
/// <see cref="IUserAccess"/>, so a change of roles applies at once, to every door.)
/// </summary>
public sealed class DashboardClaimsFactory(
    UserManager<DashboardUser> users,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<DashboardUser>(users, options)
{
    public const string MustChangePasswordClaim = "cpd:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DashboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
