using System.Globalization;
using System.Security.Cryptography;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Dashboard.Security.Tokens;

/// <summary>
/// API tokens for scripts: created by a user for themself (the text returned once, only its hash stored), listed without
/// the secret, revoked by their owner or by an administrator with <see cref="Right.ManageUsers"/>, and validated on every
/// API or hub request that carries one. A token acts as its owner: the owner's rights are read by name, as for a
/// signed-in user, so a change of roles applies to their tokens at once, and a deleted or locked-out user's tokens stop.
/// </summary>
/// <remarks>Singleton: every call opens its own short-lived store context.</remarks>
public sealed partial class ApiTokenService(
    IDbContextFactory<DashboardDbContext> contexts,
    IUserAccess access,
    IAuditLog audit,
    TimeProvider time,
    ILogger<ApiTokenService> logger)
{
    public const int MaxNameLength = 64;

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    public static readonly TimeSpan MinLifetime = TimeSpan.FromDays(1);

    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    /// <summary>How stale <see cref="ApiTokenRecord.LastUsedAt"/> may be: a busy script must not cost a store write per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Creates a token for <paramref name="userName"/>, valid for <paramref name="lifetime"/>.</summary>
    /// <returns>The token's text (the only time it exists outside the caller) and what is listed of it.</returns>
    /// <exception cref="ApiTokenException">The name or lifetime is not allowed, or the user does not exist.</exception>
    public async Task<CreatedApiToken> CreateAsync(string userName, string name, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        name = (name ?? string.Empty).Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ApiTokenException($"Give the token a name of 1 to {MaxNameLength} characters.");
        }

        if (lifetime < MinLifetime || lifetime > MaxLifetime)
        {
            throw new ApiTokenException($"A token lasts at least a day and at most {MaxLifetime.TotalDays:0} days.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = await UserIdAsync(db, userName, cancellationToken) ?? throw new ApiTokenException($"There is no user '{userName}'.");
        var (token, parts) = ApiTokenFormat.Create();
        var now = time.GetUtcNow();
        var record = new ApiTokenRecord
        {
            Id = parts.Id,
            UserId = userId,
            Name = name,
            Prefix = parts.Prefix,
            Hash = parts.Hash,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditEntry
        {
            At = now,
            User = userName,
            Action = "CreateApiToken",
            Target = name,
            Parameters = string.Create(CultureInfo.InvariantCulture, $"id={record.Id}; prefix={record.Prefix}; expires={record.ExpiresAt:yyyy-MM-dd HH:mm}Z"),
            Outcome = "Completed",
        }, cancellationToken);
        LogCreated(logger, record.Id, record.Prefix, userName, record.ExpiresAt);
        return new CreatedApiToken(ApiTokenInfo.From(record), token);
    }

    /// <summary>The user's tokens, newest first, active, expired and revoked alike (never their text or hash).</summary>
    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await UserIdAsync(db, userName, cancellationToken) is not { } userId)
        {
            return [];
        }

        var records = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
        return [.. records.Select(ApiTokenInfo.From)];
    }

    /// <summary>
    /// Revokes a token at once. Its owner may; so may a user with <see cref="Right.ManageUsers"/> over the whole fleet.
    /// Revoking a revoked token changes nothing.
    /// </summary>
    /// <exception cref="ApiTokenException">No such token, or <paramref name="actor"/> may not revoke it (audited as denied).</exception>
    public async Task RevokeAsync(Guid tokenId, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken)
            ?? throw new ApiTokenException("There is no such token.");
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == record.UserId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? record.UserId;
        var own = string.Equals(owner, actor, StringComparison.OrdinalIgnoreCase);
        if (!own && !await access.AllowsAsync(actor, Right.ManageUsers, cluster: null, host: null, cancellationToken))
        {
            await audit.WriteAsync(Entry(actor, owner, record, "Denied", "Only the token's owner or a user administrator may revoke it."), cancellationToken);
            throw new ApiTokenException("Only the token's owner or a user administrator may revoke it.");
        }

        if (record.RevokedAt is not null)
        {
            return;
        }

        record.RevokedAt = time.GetUtcNow();
        record.RevokedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(Entry(actor, owner, record, "Completed", null), cancellationToken);
        LogRevoked(logger, record.Id, record.Prefix, owner, actor);
    }

    /// <summary>
    /// Checks a presented token: its shape, its id, its secret (in constant time), then revoked, expired, and whether its
    /// owner may still sign in. Notes the use (at most once per <see cref="LastUsedResolution"/>).
    /// </summary>
    /// <remarks>
    /// Revoked and expired are told only to a caller who holds the right secret; anything else (malformed, unknown id,
    /// wrong secret) is one and the same "not recognised", so the answer reveals nothing about other tokens.
    /// </remarks>
    public async Task<ApiTokenValidation> ValidateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (!ApiTokenFormat.TryParse(presented, out var parts))
        {
            return ApiTokenValidation.Fail(ApiTokenValidation.NotRecognised);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == parts.Id, cancellationToken);
        if (record is null || !CryptographicOperations.FixedTimeEquals(record.Hash, parts.Hash))
        {
            LogRefused(logger, parts.Id, "not recognised");
            return ApiTokenValidation.Fail(ApiTokenValidation.NotRecognised);
        }

        var now = time.GetUtcNow();
        var refusal = record.RevokedAt is not null ? ApiTokenValidation.Revoked
            : record.ExpiresAt <= now ? ApiTokenValidation.Expired
            : null;
        if (refusal is not null)
        {
            LogRefused(logger, record.Id, refusal == ApiTokenValidation.Revoked ? "revoked" : "expired");
            return ApiTokenValidation.Fail(refusal, record.Id);
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == record.UserId)
            .Select(u => new { u.UserName, u.LockoutEnabled, u.LockoutEnd, u.MustChangePassword })
            .FirstOrDefaultAsync(cancellationToken);
        if (user?.UserName is null || (user.LockoutEnabled && user.LockoutEnd > now))
        {
            LogRefused(logger, record.Id, "user cannot sign in");
            return ApiTokenValidation.Fail(ApiTokenValidation.UserCannotSignIn, record.Id);
        }

        if (record.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await db.ApiTokens.Where(t => t.Id == record.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return new ApiTokenValidation(user.UserName, record.UserId, record.Id, user.MustChangePassword, null);
    }

    private static async Task<string?> UserIdAsync(DashboardDbContext db, string userName, CancellationToken cancellationToken)
    {
        var normalized = userName.ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private AuditEntry Entry(string actor, string owner, ApiTokenRecord record, string outcome, string? detail) => new()
    {
        At = time.GetUtcNow(),
        User = actor,
        Action = "RevokeApiToken",
        Target = record.Name,
        Parameters = $"id={record.Id}; prefix={record.Prefix}; owner={owner}",
        Outcome = outcome,
        Detail = detail,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Created API token {TokenId} ({Prefix}…) for {User}, expiring {ExpiresAt}")]
    private static partial void LogCreated(ILogger logger, Guid tokenId, string prefix, string user, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked API token {TokenId} ({Prefix}…) of {Owner}, by {Actor}")]
    private static partial void LogRevoked(ILogger logger, Guid tokenId, string prefix, string owner, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused API token {TokenId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid tokenId, string reason);
}
