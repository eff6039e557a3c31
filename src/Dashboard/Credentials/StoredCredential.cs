namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>
/// One credential as <c>credentials.json</c> holds it: the password only as the key ring's ciphertext, the user name in
/// clear text (it is shown on the page anyway).
/// </summary>
internal sealed record StoredCredential
{
    public required string Name { get; init; }

    public required string UserName { get; init; }

    /// <summary>The password, protected with the purpose <see cref="ProtectedCredentialStore.Purpose"/>.</summary>
    public required string ProtectedPassword { get; init; }

    public required string UpdatedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required int Version { get; init; }

    // Never the ciphertext in a log line, not even through a generated ToString.
    public override string ToString() => $"{Name} ({UserName}, v{Version})";
}
