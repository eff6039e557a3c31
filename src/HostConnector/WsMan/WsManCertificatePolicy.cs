using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// Decides whether a host's TLS certificate is accepted, from <see cref="WsManSecurityOptions"/>: the system's
/// validation by default, a pinned thumbprint, a private CA, or (only when an operator says so) nothing.
/// </summary>
/// <remarks>
/// The reason of the last rejection is kept, because the TLS stack reports a rejected certificate as a generic
/// handshake failure; the client turns it into a message that says what to configure.
/// </remarks>
internal sealed class WsManCertificatePolicy : IDisposable
{
    private readonly string _hostName;
    private readonly string _serverName;
    private readonly bool _skip;
    private readonly string? _thumbprint;
    private readonly X509Certificate2Collection? _trustedCas;
    private string? _lastRejection;

    /// <exception cref="CimException"><see cref="CimErrorKind.Configuration"/> for a bad thumbprint or an unreadable CA file.</exception>
    public WsManCertificatePolicy(string hostName, string serverName, WsManSecurityOptions security)
    {
        _hostName = hostName;
        _serverName = serverName;
        _skip = security.SkipCertificateValidation;
        if (!string.IsNullOrWhiteSpace(security.CertificateThumbprint))
        {
            _thumbprint = NormalizeThumbprint(hostName, security.CertificateThumbprint);
        }

        if (!string.IsNullOrWhiteSpace(security.TrustedCaFile))
        {
            _trustedCas = LoadCas(hostName, security.TrustedCaFile);
        }
    }

    /// <summary>Why the last certificate was rejected and what to configure, or null when the last one was accepted.</summary>
    public string? LastRejection => Volatile.Read(ref _lastRejection);

    /// <summary>The validation callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var rejection = Check(certificate, chain, errors);
        Volatile.Write(ref _lastRejection, rejection);
        return rejection is null;
    }

    public void Dispose()
    {
        if (_trustedCas is not null)
        {
            foreach (var ca in _trustedCas)
            {
                ca.Dispose();
            }
        }
    }

    private string? Check(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_skip)
        {
            return null;
        }

        if (certificate is null)
        {
            return "the server sent no certificate";
        }

        using var owned = certificate is X509Certificate2 ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var server = owned ?? (X509Certificate2)certificate;

        if (_thumbprint is not null)
        {
            // A pin names exactly one certificate: it is accepted even from an untrusted chain, and nothing else is.
            var sha1 = server.GetCertHashString(HashAlgorithmName.SHA1);
            var sha256 = server.GetCertHashString(HashAlgorithmName.SHA256);
            return string.Equals(sha1, _thumbprint, StringComparison.OrdinalIgnoreCase) ||
                   string.Equals(sha256, _thumbprint, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"its thumbprint (SHA-1 {sha1}, SHA-256 {sha256}) is not the pinned CertificateThumbprint; " +
                  "if the host's certificate was renewed, pin the new one";
        }

        if (_trustedCas is not null)
        {
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                return $"its subject does not name '{_serverName}'; connect with a name the certificate carries";
            }

            return ChainsToTrustedCa(server, chain) is { } problem ? problem + "; check that TrustedCaFile holds the CA that signed it" : null;
        }

        return errors == SslPolicyErrors.None
            ? null
            : Describe(errors, chain) + "; pin it with CertificateThumbprint or trust its CA with TrustedCaFile";
    }

    private string? ChainsToTrustedCa(X509Certificate2 server, X509Chain? presented)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trustedCas!);

        // A private CA rarely publishes a reachable CRL; the pin to its certificate is the trust decision here.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        try
        {
            return custom.Build(server)
                ? null
                : $"it does not chain to the CA in TrustedCaFile ({StatusOf(custom)})";
        }
        finally
        {
            foreach (var element in custom.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var parts = new List<string>(3);
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            parts.Add("no certificate was sent");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            parts.Add($"its subject does not name '{_serverName}'");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            parts.Add(chain is null ? "its chain is not trusted" : $"its chain is not trusted ({StatusOf(chain)})");
        }

        return string.Join("; ", parts);
    }

    private static string StatusOf(X509Chain chain)
    {
        var statuses = new List<string>();
        foreach (var status in chain.ChainStatus)
        {
            var name = status.Status.ToString();
            if (!statuses.Contains(name))
            {
                statuses.Add(name);
            }
        }

        return statuses.Count == 0 ? "no reason given" : string.Join(", ", statuses);
    }

    private static string NormalizeThumbprint(string hostName, string thumbprint)
    {
        var builder = new StringBuilder(thumbprint.Length);
        foreach (var c in thumbprint)
        {
            if (c is ' ' or ':' or '-' || char.IsWhiteSpace(c) || c == '\u200e')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c))
            {
                throw Configuration(hostName, $"CertificateThumbprint contains '{c}', which is not a hex digit");
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.Length is 40 or 64
            ? builder.ToString()
            : throw Configuration(hostName, string.Create(CultureInfo.InvariantCulture,
                $"CertificateThumbprint has {builder.Length} hex digits; a SHA-1 thumbprint has 40 and a SHA-256 one 64"));
    }

    private static X509Certificate2Collection LoadCas(string hostName, string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            var collection = new X509Certificate2Collection();
            var text = Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                collection.ImportFromPem(text);
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificate(bytes));
            }

            return collection.Count > 0
                ? collection
                : throw Configuration(hostName, $"TrustedCaFile '{path}' holds no certificate");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw Configuration(hostName, $"TrustedCaFile '{path}' could not be read: {ex.Message}", ex);
        }
    }

    private static CimException Configuration(string hostName, string problem, Exception? inner = null) =>
        new(CimErrorKind.Configuration, $"Host '{hostName}': {problem}.", inner) { Host = hostName };
}
