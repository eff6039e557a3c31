namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>A credential to save.</summary>
/// <param name="Name">The name hosts refer to it by (see <see cref="CredentialName"/>).</param>
/// <param name="UserName">The account; <c>DOMAIN\user</c> names a domain account.</param>
/// <param name="Password">The new password; null or empty keeps the stored one (required for a new credential).</param>
/// <param name="ExpectedVersion">
/// The version the caller read; null when creating. A credential changed since (or created meanwhile) is refused, so a
/// change saved by someone else is never overwritten unseen.
/// </param>
public sealed record CredentialChange(string Name, string UserName, string? Password, int? ExpectedVersion)
{
    // A record's generated ToString would print the password into any log or exception that formats this object.
    public override string ToString() => $"{Name} ({UserName})";
}
