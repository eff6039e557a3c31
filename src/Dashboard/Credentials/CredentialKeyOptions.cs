namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>
/// <c>Credentials:KeyCertificate</c>: an optional certificate (a PFX file and its password) that encrypts the key ring at
/// rest. Without it the keys under <c>{Store:DataDirectory}/keys</c> are plain XML on Linux and macOS, protected only by
/// the folder's permissions. Read once, at start.
/// </summary>
public sealed class CredentialKeyOptions
{
    /// <summary>The key under <c>Credentials</c>; no credential can be named so.</summary>
    public const string SectionKey = "KeyCertificate";

    public const string SectionName = "Credentials:" + SectionKey;

    /// <summary>The PFX file (with its private key); relative paths are under the content root. Empty: keys are not encrypted.</summary>
    public string? Path { get; set; }

    /// <summary>The PFX file's password; set it as an environment variable (<c>Credentials__KeyCertificate__Password</c>).</summary>
    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path);
}
