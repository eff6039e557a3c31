using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CheckpointDashboard.Dashboard.Store;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>
/// Puts the Data Protection key ring in <c>{Store:DataDirectory}/keys</c>: what <c>PersistKeysToFileSystem</c> does, but
/// with the folder read when the options are built, so that configuration added after registration (as tests add
/// theirs) counts.
/// </summary>
/// <remarks>
/// Without <c>Credentials:KeyCertificate</c> the keys are stored unencrypted on Linux and macOS: whoever can read the
/// folder can decrypt every stored password. Keep the data folder readable by the dashboard's account only, or configure
/// a certificate.
/// </remarks>
internal sealed class KeyRingSetup(IOptions<StoreOptions> store, IHostEnvironment environment, ILoggerFactory loggers)
    : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        var path = CredentialPaths.KeyDirectory(store.Value, environment);
        if (!OperatingSystem.IsWindows() && !Directory.Exists(path))
        {
            // The keys decrypt every stored password: the folder is the dashboard account's alone from the start.
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(path), loggers);
    }

    /// <summary>The PFX file of <paramref name="options"/>, with its private key.</summary>
    /// <exception cref="InvalidOperationException">The file is missing, cannot be opened with the password, or holds no private key; the message names the key to fix.</exception>
    internal static X509Certificate2 LoadCertificate(CredentialKeyOptions options, string contentRoot)
    {
        var path = Path.GetFullPath(options.Path!, contentRoot);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CredentialKeyOptions.SectionName}:Path: no file at {path}.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.Password);
        }
        catch (CryptographicException ex)
        {
            // The loader's message names the cause (a wrong password, say), never the password.
            throw new InvalidOperationException(
                $"{CredentialKeyOptions.SectionName}:Path: {path} cannot be opened ({ex.Message}); check the file and {CredentialKeyOptions.SectionName}:Password.", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{CredentialKeyOptions.SectionName}:Path: the certificate in {path} has no private key.");
        }

        return certificate;
    }
}
