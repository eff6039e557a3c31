namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>
/// What may be shown about a credential: never its password, not even the password's length. This is the only shape
/// a credential leaves the server in (API answers, page state).
/// </summary>
/// <param name="Name">The name hosts refer to it by.</param>
/// <param name="UserName">The account, e.g. <c>CORP\svc-hvdash</c>.</param>
/// <param name="Source">Where it comes from; a stored credential hides a configured one of the same name.</param>
/// <param name="UpdatedBy">Who saved it last (stored credentials only).</param>
/// <param name="UpdatedAt">When it was saved last (stored credentials only).</param>
/// <param name="Version">Its version, to send back with a change (0 for configured ones).</param>
/// <param name="UsedBy">The configured hosts and clusters that name it.</param>
/// <param name="Problem">Why it cannot be used (a password that cannot be decrypted, say); null when it can.</param>
/// <param name="OverridesConfiguration">True when a configured credential of the same name exists and this one wins.</param>
public sealed record CredentialSummary(
    string Name,
    string UserName,
    CredentialSource Source,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt,
    int Version,
    IReadOnlyList<string> UsedBy,
    string? Problem,
    bool OverridesConfiguration)
{
    /// <summary>True when hosts can authenticate with it.</summary>
    public bool Usable => Problem is null;
}
