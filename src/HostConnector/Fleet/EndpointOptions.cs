using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>How to reach one CIM endpoint; shared by hosts and clusters in <c>appsettings.json</c>.</summary>
public abstract class EndpointOptions
{
    /// <summary>The host or cluster name. Required, unique across the fleet.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// Where to connect. Default: <c>https://NAME:5986/wsman</c>. Use <c>http://NAME:5985/wsman</c> for WinRM over
    /// HTTP, or <c>sim://NAME</c> for a host of the built-in simulator.
    /// </summary>
    public string? Endpoint { get; set; }

    public CimTransport Transport { get; set; } = CimTransport.Auto;

    /// <summary>Name of a credential (see <c>Credentials</c>); the process identity when empty.</summary>
    public string? Credential { get; set; }

    /// <summary>Negotiate (default), Kerberos, Ntlm or Basic.</summary>
    public string Authentication { get; set; } = "Negotiate";

    /// <summary>Allow Basic authentication over plain HTTP. Off: credentials would cross the network in clear text.</summary>
    public bool AllowUnencryptedBasic { get; set; }

    /// <summary>Turn TLS certificate validation off for this endpoint. Off; only an operator turns it on.</summary>
    public bool SkipCertificateValidation { get; set; }

    /// <summary>Pin the server certificate by thumbprint (hex SHA-1 or SHA-256).</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Validate the server certificate against this CA file instead of the system store.</summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>The endpoint this entry means, with the default applied.</summary>
    public string EffectiveEndpoint => string.IsNullOrWhiteSpace(Endpoint) ? $"https://{Name}:5986/wsman" : Endpoint;

    public WsManSecurityOptions ToSecurity() => new()
    {
        AllowUnencryptedBasic = AllowUnencryptedBasic,
        SkipCertificateValidation = SkipCertificateValidation,
        CertificateThumbprint = CertificateThumbprint,
        TrustedCaFile = TrustedCaFile,
        Authentication = Authentication,
    };
}
