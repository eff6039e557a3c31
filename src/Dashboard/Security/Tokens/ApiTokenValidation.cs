namespace CheckpointDashboard.Dashboard.Security.Tokens;

/// <summary>
/// What a presented token proved: its owner's user name (and whether they still have to change a one-time password),
/// or a sentence saying why it opens nothing.
/// </summary>
public sealed record ApiTokenValidation(string? UserName, string? UserId, Guid? TokenId, bool MustChangePassword, string? Failure)
{
    public const string NotRecognised = "The API token is not recognised.";
    public const string Expired = "The API token has expired; create a new one at /account/tokens.";
    public const string Revoked = "The API token has been revoked.";
    public const string UserCannotSignIn = "The API token's user can no longer sign in (deleted or locked out).";

    public bool Succeeded => UserName is not null;

    internal static ApiTokenValidation Fail(string failure, Guid? tokenId = null) => new(null, null, tokenId, false, failure);
}
