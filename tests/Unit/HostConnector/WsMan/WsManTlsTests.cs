using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostConnector.WsMan.WsManSessionTests;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>
/// Server certificate validation over real TLS with certificates made in the test: rejected by default with a message
/// that says what to configure, accepted when pinned, when signed by the configured CA, or when validation is skipped.
/// </summary>
public sealed class WsManTlsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_SelfSignedCertificateByDefault_IsRejectedWithAClearMessage()
    {
        using var certificate = TestCertificates.SelfSigned();
        await using var server = await StartAsync(certificate);
        await using var session = Session(server.Endpoint, security: new WsManSecurityOptions());

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.Unreachable, error.Kind);
        Assert.Contains("server certificate of HV01 was rejected: its chain is not trusted", error.Message, StringComparison.Ordinal);
        Assert.Contains("pin it with CertificateThumbprint or trust its CA with TrustedCaFile", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("sha1-spaced-lower")]
    [InlineData("sha256-colons")]
    public async Task GetAsync_PinnedThumbprint_AcceptsThatCertificate(string form)
    {
        using var certificate = TestCertificates.SelfSigned();
        await using var server = await StartAsync(certificate);
        var sha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var thumbprint = form switch
        {
            "sha1" => certificate.Thumbprint,
            "sha1-spaced-lower" => string.Join(' ', certificate.Thumbprint.ToLowerInvariant().Chunk(2).Select(c => new string(c))),
            _ => string.Join(':', sha256.Chunk(2).Select(c => new string(c))),
        };
        await using var session = Session(server.Endpoint, security: new WsManSecurityOptions { CertificateThumbprint = thumbprint });

        var job = await session.GetAsync(Job(), Token).WaitAsync(TestSupport.TestTimeouts.Long, Token);

        Assert.Equal(HyperVSchema.JobState.Completed, job.GetUInt16("JobState"));
    }

    [Fact]
    public async Task GetAsync_PinnedThumbprintOfAnotherCertificate_IsRejected()
    {
        using var certificate = TestCertificates.SelfSigned();
        using var other = TestCertificates.SelfSigned();
        await using var server = await StartAsync(certificate);
        await using var session = Session(server.Endpoint, security: new WsManSecurityOptions { CertificateThumbprint = other.Thumbprint });

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.Unreachable, error.Kind);
        Assert.Contains("is not the pinned CertificateThumbprint; if the host's certificate was renewed, pin the new one", error.Message, StringComparison.Ordinal);
        Assert.Contains(certificate.Thumbprint, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetAsync_TrustedCaFileOfTheSigningCa_AcceptsTheCertificate(bool pem)
    {
        var (ca, serverCertificate) = TestCertificates.CaAndServer();
        using (ca)
        using (serverCertificate)
        {
            var caFile = Path.Combine(Path.GetTempPath(), $"wsman-ca-{Guid.NewGuid():N}.{(pem ? "pem" : "cer")}");
            try
            {
                if (pem)
                {
                    await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem(), Token).WaitAsync(TestSupport.TestTimeouts.Short, Token);
                }
                else
                {
                    await File.WriteAllBytesAsync(caFile, ca.RawData, Token).WaitAsync(TestSupport.TestTimeouts.Short, Token);
                }

                await using var server = await StartAsync(serverCertificate);
                await using var rejecting = Session(server.Endpoint);
                await using var trusting = Session(server.Endpoint, security: new WsManSecurityOptions { TrustedCaFile = caFile });

                Assert.Equal(CimErrorKind.Unreachable, (await GetFailsAsync(rejecting)).Kind);
                var job = await trusting.GetAsync(Job(), Token).WaitAsync(TestSupport.TestTimeouts.Long, Token);
                Assert.Equal(HyperVSchema.JobState.Completed, job.GetUInt16("JobState"));
            }
            finally
            {
                File.Delete(caFile);
            }
        }
    }

    [Fact]
    public async Task GetAsync_TrustedCaFileOfAnotherCa_IsRejected()
    {
        var (_, serverCertificate) = TestCertificates.CaAndServer();
        var (otherCa, otherServer) = TestCertificates.CaAndServer();
        using (serverCertificate)
        using (otherCa)
        using (otherServer)
        {
            var caFile = Path.Combine(Path.GetTempPath(), $"wsman-ca-{Guid.NewGuid():N}.pem");
            try
            {
                await File.WriteAllTextAsync(caFile, otherCa.ExportCertificatePem(), Token).WaitAsync(TestSupport.TestTimeouts.Short, Token);
                await using var server = await StartAsync(serverCertificate);
                await using var session = Session(server.Endpoint, security: new WsManSecurityOptions { TrustedCaFile = caFile });

                var error = await GetFailsAsync(session);

                Assert.Equal(CimErrorKind.Unreachable, error.Kind);
                Assert.Contains("server certificate of HV01 was rejected: it does not chain to the CA in TrustedCaFile", error.Message, StringComparison.Ordinal);
                Assert.Contains("check that TrustedCaFile holds the CA that signed it", error.Message, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(caFile);
            }
        }
    }

    [Fact]
    public async Task GetAsync_SkipCertificateValidation_AcceptsAnyCertificate()
    {
        using var certificate = TestCertificates.SelfSigned();
        await using var server = await StartAsync(certificate);
        await using var session = Session(server.Endpoint, security: new WsManSecurityOptions { SkipCertificateValidation = true });

        var job = await session.GetAsync(Job(), Token).WaitAsync(TestSupport.TestTimeouts.Long, Token);

        Assert.Equal(HyperVSchema.JobState.Completed, job.GetUInt16("JobState"));
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("12:34", "4 hex digits")]
    [InlineData("zz00000000000000000000000000000000000000", "not a hex digit")]
    public async Task GetAsync_MalformedThumbprint_IsAConfigurationError(string thumbprint, string problem)
    {
        await using var session = Session(new Uri("https://hv01:5986/wsman"), security: new WsManSecurityOptions { CertificateThumbprint = thumbprint });

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.Configuration, error.Kind);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_MissingTrustedCaFile_IsAConfigurationError()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"wsman-missing-{Guid.NewGuid():N}.pem");
        await using var session = Session(new Uri("https://hv01:5986/wsman"), security: new WsManSecurityOptions { TrustedCaFile = missing });

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.Configuration, error.Kind);
        Assert.Contains($"TrustedCaFile '{missing}' could not be read", error.Message, StringComparison.Ordinal);
    }

    private static Task<FakeWsManServer> StartAsync(X509Certificate2 certificate) =>
        FakeWsManServer.StartAsync(request => (200, Golden.Answering("response-get-concretejob.xml", request.MessageId)), certificate);
}
