using System.Collections.Immutable;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// Users, their role assignments and custom roles. Every change needs the ManageUsers right over the whole fleet, is
/// audited, and takes effect at once (the rights cache is cleared). Guard rails: the built-in roles cannot be changed,
/// a role in use cannot be deleted, and nobody can delete, lock or strip the last fleet-wide administrator.
/// </summary>
public sealed class UserAdministration(
    IServiceProvider services,
    IDbContextFactory<DashboardDbContext> contexts,
    IUserAccess access,
    IAuditLog audit,
    TimeProvider time)
{
    /// <summary>Every user with their assignments, by name.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var assignments = (await db.RoleAssignments.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(a => a.UserId);
        var now = time.GetUtcNow();
        return [.. users
            .OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserSummary(u.Id, u.UserName ?? u.Id, u.MustChangePassword, u.LockoutEnd is { } end && end > now, u.AccessFailedCount,
                [.. assignments[u.Id].Select(a => new Assignment(a.Id, a.RoleName, a.ClusterList, a.HostList))]))];
    }

    public async Task<IReadOnlyList<RoleRecord>> ListRolesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Roles.AsNoTracking().OrderByDescending(r => r.BuiltIn).ThenBy(r => r.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a local account that must change its first password at first sign-in.</summary>
    public async Task<UserSummary> CreateUserAsync(string userName, string initialPassword, string actor, CancellationToken cancellationToken)
    {
        await DemandAsync(actor, cancellationToken);
        var name = userName?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 128)
        {
            throw new JobRejectedException(JobRejection.Invalid, "userName: 1 to 128 characters.");
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = new DashboardUser { UserName = name, MustChangePassword = true, CreatedAt = time.GetUtcNow() };
        var result = await users.CreateAsync(user, initialPassword ?? string.Empty);
        if (!result.Succeeded)
        {
            throw new JobRejectedException(
                result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) ? JobRejection.Conflict : JobRejection.Invalid,
                string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await AuditAsync(actor, "CreateUser", name, "local account; first password to be changed", cancellationToken);
        return (await ListUsersAsync(cancellationToken)).Single(u => u.Id == user.Id);
    }

    /// <summary>Gives <paramref name="role"/> to a user, over the whole fleet or the listed clusters and hosts.</summary>
    public async Task AssignAsync(string userId, string role, IReadOnlyList<string> clusters, IReadOnlyList<string> hosts, string actor, CancellationToken cancellationToken)
    {
        await DemandAsync(actor, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ??
            throw new JobRejectedException(JobRejection.NotFound, $"No user with id {userId}.");
        if (!await db.Roles.AnyAsync(r => r.Name == role, cancellationToken))
        {
            throw new JobRejectedException(JobRejection.Invalid, $"role: no role named '{role}'.");
        }

        var record = new RoleAssignmentRecord
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            RoleName = role,
            Clusters = RoleAssignmentRecord.Join(clusters),
            Hosts = RoleAssignmentRecord.Join(hosts),
        };
        db.RoleAssignments.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        access.Invalidate(user.UserName);
        await AuditAsync(actor, "AssignRole", user.UserName, $"role={role}; scope={Scope(record)}", cancellationToken);
    }

    public async Task UnassignAsync(Guid assignmentId, string actor, CancellationToken cancellationToken)
    {
        await DemandAsync(actor, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.RoleAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId, cancellationToken) ??
            throw new JobRejectedException(JobRejection.NotFound, $"No role assignment with id {assignmentId}.");
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == record.UserId, cancellationToken);
        await KeepAnAdministratorAsync(db, without: a => a.Id == assignmentId, cancellationToken);
        db.RoleAssignments.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        access.Invalidate(user.UserName);
        await AuditAsync(actor, "UnassignRole", user.UserName, $"role={record.RoleName}; scope={Scope(record)}", cancellationToken);
    }

    /// <summary>Locks (until unlocked) or unlocks an account; a locked account cannot sign in and its sessions end.</summary>
    public async Task SetLockedAsync(string userId, bool locked, string actor, CancellationToken cancellationToken)
    {
        await DemandAsync(actor, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new JobRejectedException(JobRejection.NotFound, $"No user with id {userId}.");
        if (locked)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await KeepAnAdministratorAsync(db, without: a => a.UserId == userId, cancellationToken);
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, locked ? "LockUser" : "UnlockUser", user.UserName, null, cancellationToken);
    }

    public async Task DeleteUserAsync(string userId, string actor, CancellationToken cancellationToken)
    {
        await DemandAsync(actor, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new JobRejectedException(JobRejection.NotFound, $"No user with id {userId}.");
        if (string.Equals(user.UserName, actor, StringComparison.OrdinalIgnoreCase))
        {
            throw new JobRejectedException(JobRejection.Conflict, "You cannot delete your own account.");
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await KeepAnAdministratorAsync(db, without: a => a.UserId == userId, cancellationToken);
            await db.RoleAssignments.Where(a => a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        }

        await users.DeleteAsync(user);
        access.Invalidate(user.UserName);
        await AuditAsync(actor, "DeleteUser", user.UserName, null, cancellationToken);
    }

    /// <summary>Creates or changes a custom role. The built-in ones cannot be changed.</summary>
    public async Task SaveRoleAsync(string name, Right rights, string? description, string actor, CancellationToken cancellationToken)
    {
        await DemandAsync(actor, cancellationToken);
        var roleName = name?.Trim() ?? string.Empty;
        if (roleName.Length is 0 or > 64)
        {
            throw new JobRejectedException(JobRejection.Invalid, "name: 1 to 64 characters.");
        }

        if (rights == Right.None)
        {
            throw new JobRejectedException(JobRejection.Invalid, "rights: choose at least one right.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == roleName, cancellationToken);
        if (role is { BuiltIn: true })
        {
            throw new JobRejectedException(JobRejection.Conflict, $"'{roleName}' is a built-in role and cannot be changed; create a role of your own.");
        }

        if (role is null)
        {
            db.Roles.Add(new RoleRecord { Name = roleName, Rights = (int)(rights & Right.All), Description = description?.Trim() });
        }
        else
        {
            (role.Rights, role.Description) = ((int)(rights & Right.All), description?.Trim());
        }

        await db.SaveChangesAsync(cancellationToken);
        access.Invalidate();
        await AuditAsync(actor, role is null ? "CreateRole" : "UpdateRole", roleName, $"rights={rights & Right.All}", cancellationToken);
    }

    public async Task DeleteRoleAsync(string name, string actor, CancellationToken cancellationToken)
    {
        await DemandAsync(actor, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == name, cancellationToken) ??
            throw new JobRejectedException(JobRejection.NotFound, $"No role named '{name}'.");
        if (role.BuiltIn)
        {
            throw new JobRejectedException(JobRejection.Conflict, $"'{name}' is a built-in role and cannot be deleted.");
        }

        var used = await db.RoleAssignments.CountAsync(a => a.RoleName == name, cancellationToken);
        if (used > 0)
        {
            throw new JobRejectedException(JobRejection.Conflict, $"'{name}' is assigned {used} time(s); remove those assignments first.");
        }

        db.Roles.Remove(role);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, "DeleteRole", name, null, cancellationToken);
    }

    private async Task DemandAsync(string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!await access.AllowsAsync(actor, Right.ManageUsers, cluster: null, host: null, cancellationToken))
        {
            throw await AccessDenial.AuditAsync(audit, time, actor, "ManageUsers", $"{actor} may not manage users: it needs the ManageUsers right over the whole fleet.", cancellationToken);
        }
    }

    /// <summary>Refuses a change that would leave no unlocked user with fleet-wide ManageUsers (nobody could ever undo it).</summary>
    private async Task KeepAnAdministratorAsync(DashboardDbContext db, Func<RoleAssignmentRecord, bool> without, CancellationToken cancellationToken)
    {
        var admins = (await db.Roles.AsNoTracking().ToListAsync(cancellationToken))
            .Where(r => ((Right)r.Rights & Right.ManageUsers) == Right.ManageUsers).Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        var unlocked = (await db.Users.AsNoTracking().ToListAsync(cancellationToken))
            .Where(u => u.LockoutEnd is not { } end || end <= now).Select(u => u.Id).ToHashSet();
        var remaining = (await db.RoleAssignments.AsNoTracking().ToListAsync(cancellationToken))
            .Where(a => !without(a) && admins.Contains(a.RoleName) && a.Clusters.Length == 0 && a.Hosts.Length == 0 && unlocked.Contains(a.UserId));
        if (!remaining.Any())
        {
            throw new JobRejectedException(JobRejection.Conflict,
                "This would leave no unlocked user who can manage users over the whole fleet; give that right to someone else first.");
        }
    }

    private Task AuditAsync(string actor, string action, string? target, string? parameters, CancellationToken cancellationToken) =>
        audit.WriteAsync(new AuditEntry { At = time.GetUtcNow(), User = actor, Action = action, Target = target, Parameters = parameters, Outcome = "Completed" },
            cancellationToken);

    private static string Scope(RoleAssignmentRecord a) =>
        a.Clusters.Length == 0 && a.Hosts.Length == 0 ? "fleet" : $"clusters {a.Clusters}; hosts {a.Hosts}";

    /// <summary>A user as the administration page lists it.</summary>
    public sealed record UserSummary(string Id, string UserName, bool MustChangePassword, bool LockedOut, int FailedAttempts, ImmutableArray<Assignment> Assignments);

    /// <summary>One role given to a user, with its scope (both lists empty: the whole fleet).</summary>
    public sealed record Assignment(Guid Id, string Role, ImmutableArray<string> Clusters, ImmutableArray<string> Hosts)
    {
        public string Describe() => Clusters.IsEmpty && Hosts.IsEmpty
            ? Role
            : $"{Role} on {string.Join(", ", Clusters.Select(c => $"cluster {c}").Concat(Hosts.Select(h => $"host {h}")))}";
    }
}
