using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// The certificate the simulator serves HTTPS with: self-signed, RSA 2048, for <c>localhost</c> and <c>127.0.0.1</c>,
/// valid for a year. Nobody trusts it, so clients pin it by its SHA-256 thumbprint, as they would a real host's
/// self-signed WinRM certificate.
/// </summary>
public static class SelfSignedCertificate
{
    /// <summary>Creates a new certificate with its private key.</summary>
    /// <param name="now">The start of its validity (a minute earlier, so clock skew does not make it "not yet valid").</param>
    public static X509Certificate2 Create(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-1), now.AddYears(1));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform (on Windows an
        // ephemeral key from CreateSelfSigned cannot be used for TLS).
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The SHA-256 thumbprint as upper-case hex, the form clients pin.</summary>
    public static string Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }
}
