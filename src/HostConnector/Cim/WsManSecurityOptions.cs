namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>Per-host transport security choices. Defaults are the safe ones.</summary>
public sealed record WsManSecurityOptions
{
    /// <summary>Allow Basic authentication over plain HTTP (credentials in clear text). Off by default.</summary>
    public bool AllowUnencryptedBasic { get; init; }

    /// <summary>Skip TLS certificate validation for this host. Off by default; only an operator turns it on.</summary>
    public bool SkipCertificateValidation { get; init; }

    /// <summary>Accept exactly this server certificate (SHA-1 or SHA-256 thumbprint, hex) instead of chain validation.</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>Validate the server certificate against this CA certificate file (PEM or DER) instead of the system store.</summary>
    public string? TrustedCaFile { get; init; }

    /// <summary>Authentication scheme: Negotiate (default), Kerberos, Ntlm or Basic.</summary>
    public string Authentication { get; init; } = "Negotiate";
}
