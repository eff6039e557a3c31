namespace CheckpointDashboard.Dashboard.Security.Tokens;

/// <summary>
/// One API token of a user, as stored: never the token itself, only the SHA-256 of its secret part. The token reads
/// <c>cpd_&lt;id&gt;.&lt;secret&gt;</c> (see <see cref="ApiTokenFormat"/>), so a presented token is found by its
/// <see cref="Id"/> (the primary key) and only then compared by hash.
/// </summary>
public sealed class ApiTokenRecord
{
    public Guid Id { get; set; }

    /// <summary>The owner's Identity user id (not the name, so a renamed user keeps their tokens).</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>What the owner called it, 1 to <see cref="ApiTokenService.MaxNameLength"/> characters.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The token's first <see cref="ApiTokenFormat.PrefixLength"/> characters, shown to recognise it (not secret: part of the id).</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>SHA-256 of the token's 32 secret bytes.</summary>
    public byte[] Hash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it last authenticated a request, written at most once per <see cref="ApiTokenService.LastUsedResolution"/>.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Who revoked it (the owner or an administrator).</summary>
    public string? RevokedBy { get; set; }
}
