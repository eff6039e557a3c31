using System.Collections.Concurrent;
using System.Collections.Immutable;
using CheckpointDashboard.Dashboard.Store;
using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// Grants read from the store (user → role assignments → roles), kept for <see cref="CacheFor"/> so a busy API does not
/// read the store per request; a change of roles through the dashboard invalidates at once.
/// </summary>
public sealed class StoreUserAccess(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time) : IUserAccess
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, ImmutableArray<AccessGrant> Grants)> _cache =
        new(StringComparer.OrdinalIgnoreCase);

    public async Task<bool> AllowsAsync(string user, Right right, string? cluster, string? host, CancellationToken cancellationToken) =>
        (await GrantsAsync(user, cancellationToken)).Any(g => g.Covers(right, cluster, host));

    public async Task<bool> HasAnywhereAsync(string user, Right right, CancellationToken cancellationToken) =>
        (await GrantsAsync(user, cancellationToken)).Any(g => g.HasAnywhere(right));

    public void Invalidate(string? user = null)
    {
        if (user is null)
        {
            _cache.Clear();
        }
        else
        {
            _cache.TryRemove(user, out _);
        }
    }

    /// <summary>The user's grants; none for an unknown user (a deleted account loses every right at once).</summary>
    public async Task<ImmutableArray<AccessGrant>> GrantsAsync(string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(user, out var cached) && now - cached.ReadAt < CacheFor)
        {
            return cached.Grants;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = user.ToUpperInvariant();
        var userId = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        ImmutableArray<AccessGrant> grants = [];
        if (userId is not null)
        {
            var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == userId).ToListAsync(cancellationToken);
            var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name, r => (Right)r.Rights, StringComparer.OrdinalIgnoreCase, cancellationToken);
            grants = [.. assignments
                .Where(a => roles.ContainsKey(a.RoleName))
                .Select(a => new AccessGrant(roles[a.RoleName], a.ClusterList, a.HostList))];
        }

        _cache[user] = (now, grants);
        return grants;
    }
}
