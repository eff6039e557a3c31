using System.Collections.Immutable;
using System.Security.Claims;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>
/// The end of a single sign-on, after the provider's answer was checked by the OpenID Connect handler and kept in
/// Identity's external cookie: finds or creates the dashboard user, sets their roles from their groups, and signs them in
/// with the ordinary session cookie (so everything after sign-in is the same as for a local account).
/// </summary>
/// <remarks>
/// <para>
/// Roles from groups are stored as ordinary role assignments. The store has no column saying where an assignment came
/// from, so a user carrying the <see cref="ManagedClaim"/> user claim is "managed by single sign-on": every one of their
/// role assignments is replaced at each sign-in by what their groups give at that moment (a role given to such a user by
/// hand lasts until their next sign-in). Local accounts never carry the claim and are never touched.
/// </para>
/// <para>
/// A user is found by their provider subject first; failing that, by user name, but only a password-less account
/// (one created for single sign-on beforehand) is adopted: a local account with a password is refused, so whoever can
/// choose their user name at the provider cannot take over a local administrator.
/// </para>
/// <para>Scoped: it uses the request's <see cref="SignInManager{TUser}"/> and its HTTP context.</para>
/// </remarks>
public sealed class OidcSignIn(
    UserManager<DashboardUser> users,
    SignInManager<DashboardUser> signIn,
    IDbContextFactory<DashboardDbContext> contexts,
    IUserAccess access,
    OidcRoleMapper mapper,
    IOptions<AuthOptions> options,
    IAuditLog audit,
    TimeProvider time,
    ILogger<OidcSignIn> logger)
{
    /// <summary>The user claim marking an account whose role assignments follow its provider groups.</summary>
    public const string ManagedClaim = "cpd:oidc_managed";

    /// <summary>The audit detail of every single sign-on line.</summary>
    public const string AuditDetail = "single sign-on";

    private const string SubjectClaim = "sub";

    /// <summary>
    /// Signs in the user described by <paramref name="external"/> (the principal of Identity's external cookie) when one
    /// of their groups maps to a role, and consumes the external cookie either way. Every outcome is audited.
    /// </summary>
    /// <param name="external">The provider's claims, as the OpenID Connect handler left them (claim names unmapped).</param>
    /// <param name="cancellationToken">Stops the store work; the sign-in cookie is only written once that is done.</param>
    public async Task<OidcSignInResult> CompleteAsync(ClaimsPrincipal external, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);

        // The external cookie only carries the provider's answer to this point: one use, whatever the outcome.
        await signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme);
        var settings = options.Value.Oidc;
        var subject = external.FindFirst(SubjectClaim)?.Value;
        var claimedName = UserNameOf(external, settings);
        if (string.IsNullOrWhiteSpace(subject) || claimedName is null)
        {
            logger.LogWarning(
                "Single sign-on refused: the provider sent no {Missing} claim (set Auth:Oidc:UserNameClaim to a claim it sends)",
                string.IsNullOrWhiteSpace(subject) ? SubjectClaim : settings.UserNameClaim);
            return await RefuseAsync(claimedName ?? "unknown", OidcRefusal.Failed, "Failed", "no subject or user name claim", cancellationToken);
        }

        var mapping = mapper.Map(external.Claims, settings);
        var roles = await KnownRolesAsync(mapping.Roles, cancellationToken);
        var user = await users.FindByLoginAsync(OidcOptions.Scheme, subject);
        var linked = user is not null;
        if (user is null && await users.FindByNameAsync(claimedName) is { } sameName)
        {
            if (await users.HasPasswordAsync(sameName))
            {
                logger.LogWarning("Single sign-on refused for {User}: a local account with a password has that name", claimedName);
                return await RefuseAsync(claimedName, OidcRefusal.LocalAccountExists, "Denied", "a local account has this name", cancellationToken);
            }

            user = sameName;
        }

        var userName = user?.UserName ?? claimedName;
        if (user is not null && await users.IsLockedOutAsync(user))
        {
            return await RefuseAsync(userName, OidcRefusal.LockedOut, "Denied", "locked out", cancellationToken);
        }

        if (roles.IsEmpty)
        {
            // A user taken out of every mapped group loses their roles now, not at their session's end.
            if (user is not null && await IsManagedAsync(user))
            {
                await ReplaceAssignmentsAsync(user, roles, cancellationToken);
            }

            logger.LogInformation(
                "Single sign-on refused for {User}: none of their {GroupCount} groups maps to a role in Auth:Oidc:GroupRoles", userName, mapping.Groups.Length);
            return await RefuseAsync(userName, OidcRefusal.NoRole, "Denied", "no group maps to a role", cancellationToken);
        }

        if (user is null)
        {
            user = await CreateAsync(claimedName, external, cancellationToken);
            if (user is null)
            {
                return await RefuseAsync(claimedName, OidcRefusal.Failed, "Failed", "the user could not be created", cancellationToken);
            }
        }

        if (!linked)
        {
            Check(await users.AddLoginAsync(user, new UserLoginInfo(OidcOptions.Scheme, subject, settings.DisplayName)), "link the login");
        }

        if (!await IsManagedAsync(user))
        {
            Check(await users.AddClaimAsync(user, new Claim(ManagedClaim, "true")), "mark the user as managed by single sign-on");
        }

        await ReplaceAssignmentsAsync(user, roles, cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: OidcOptions.Scheme);
        var described = string.Join("; ", roles);
        await audit.WriteAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            User = Truncate(user.UserName!),
            Action = "SignIn",
            Parameters = $"roles={described}",
            Outcome = "Completed",
            Detail = AuditDetail,
        }, cancellationToken);
        logger.LogInformation("Signed in {User} through single sign-on with roles {Roles}", user.UserName, described);
        return new OidcSignInResult(user.UserName, roles, OidcRefusal.None);
    }

    /// <summary>The configured user name claim, or the first fallback present.</summary>
    internal static string? UserNameOf(ClaimsPrincipal external, OidcOptions settings) =>
        new[] { settings.UserNameClaim }.Concat(OidcOptions.UserNameFallbacks)
            .Select(type => external.FindFirst(type)?.Value?.Trim())
            .FirstOrDefault(value => !string.IsNullOrEmpty(value));

    private async Task<DashboardUser?> CreateAsync(string userName, ClaimsPrincipal external, CancellationToken cancellationToken)
    {
        // No password: the account can only sign in through the provider.
        var user = new DashboardUser { UserName = userName, Email = external.FindFirst("email")?.Value, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            logger.LogWarning(
                "Single sign-on could not create the user {User}: {Errors} (Auth:Oidc:UserNameClaim decides which claim is the user name)",
                userName, string.Join(" ", created.Errors.Select(e => e.Description)));
            return null;
        }

        await audit.WriteAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            User = "system",
            Action = "CreateUser",
            Target = Truncate(userName),
            Parameters = "source=oidc",
            Outcome = "Completed",
            Detail = AuditDetail,
        }, cancellationToken);
        return user;
    }

    /// <summary>The mapped roles that exist in the store, spelled as the store spells them; the others are logged and dropped.</summary>
    private async Task<ImmutableArray<OidcMappedRole>> KnownRolesAsync(ImmutableArray<OidcMappedRole> mapped, CancellationToken cancellationToken)
    {
        if (mapped.IsEmpty)
        {
            return mapped;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await db.Roles.AsNoTracking().Select(r => r.Name).ToListAsync(cancellationToken);
        var known = names.ToDictionary(n => n, StringComparer.OrdinalIgnoreCase);
        var roles = ImmutableArray.CreateBuilder<OidcMappedRole>();
        foreach (var role in mapped)
        {
            if (known.TryGetValue(role.Role, out var name))
            {
                roles.Add(role with { Role = name });
            }
            else
            {
                logger.LogWarning("Auth:Oidc:GroupRoles maps a group to the role {Role}, which does not exist; ignored", role.Role);
            }
        }

        return roles.ToImmutable();
    }

    private async Task<bool> IsManagedAsync(DashboardUser user) =>
        (await users.GetClaimsAsync(user)).Any(c => c.Type == ManagedClaim);

    /// <summary>All of a managed user's assignments, replaced in one save; then their cached rights are dropped.</summary>
    private async Task ReplaceAssignmentsAsync(DashboardUser user, ImmutableArray<OidcMappedRole> roles, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.RoleAssignments.RemoveRange(await db.RoleAssignments.Where(a => a.UserId == user.Id).ToListAsync(cancellationToken));
            db.RoleAssignments.AddRange(roles.Select(r => new RoleAssignmentRecord
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                RoleName = r.Role,
                Clusters = string.Join(',', r.Clusters),
                Hosts = string.Join(',', r.Hosts),
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        access.Invalidate(user.UserName);
    }

    private async Task<OidcSignInResult> RefuseAsync(string userName, OidcRefusal refusal, string outcome, string reason, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            User = Truncate(userName),
            Action = "SignIn",
            Parameters = $"refused={reason}",
            Outcome = outcome,
            Detail = AuditDetail,
        }, cancellationToken);
        return new OidcSignInResult(userName, [], refusal);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Single sign-on could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static string Truncate(string text) => text.Length > 256 ? text[..256] : text;
}
