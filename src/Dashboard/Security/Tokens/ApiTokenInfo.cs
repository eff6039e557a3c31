namespace CheckpointDashboard.Dashboard.Security.Tokens;

/// <summary>What a user may see of one of their tokens: everything but the token (and its hash).</summary>
public sealed record ApiTokenInfo(
    Guid Id,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    /// <summary>The token's state at <paramref name="now"/>; revoked wins over expired.</summary>
    public ApiTokenState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiTokenState.Revoked : ExpiresAt <= now ? ApiTokenState.Expired : ApiTokenState.Active;

    internal static ApiTokenInfo From(ApiTokenRecord record) =>
        new(record.Id, record.Name, record.Prefix, record.CreatedAt, record.ExpiresAt, record.LastUsedAt, record.RevokedAt, record.RevokedBy);
}
