using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.HostSimulator.WsMan;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.WsMan.WsManTestServer;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;

/// <summary>
/// What surrounds the operations: host routing, Basic authentication, injected faults as a client meets them over
/// the network, hostile or broken requests, and HTTPS with a pinned self-signed certificate.
/// </summary>
public sealed class WsManTransportTests
{
    private const string VmQuery = "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'";
    private const string HostQuery = "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Hosting Computer System'";
    private const string Items = "/s:Envelope/s:Body/n:EnumerateResponse/w:Items";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string VmEnumerate => Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "100"), ("Filter", VmQuery));

    [Theory]
    [InlineData(null, null)]
    [InlineData("sim", "wrong")]
    [InlineData("someone", "sim")]
    public async Task Request_MissingOrWrongCredentials_Answers401WithBasicChallenge(string? user, string? password)
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", VmEnumerate, user, password);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("Basic realm=\"WSMAN\"", reply.WwwAuthenticate);
    }

    [Fact]
    public async Task Request_ConfiguredCredentials_AreAccepted()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet, new WsManServerOptions { UserName = "operator", Password = "p@ss:word" });

        var accepted = await server.SendAsync("HV01/wsman", VmEnumerate, "operator", "p@ss:word");
        var defaults = await server.SendAsync("HV01/wsman", VmEnumerate);

        accepted.AssertOk();
        Assert.Equal(HttpStatusCode.Unauthorized, defaults.Status);
    }

    [Fact]
    public async Task Request_HostRejectsCredentials_Answers401EvenForTheRightOnes()
    {
        var fleet = new WsManFleet();
        fleet.Hv01.Faults = new HostFaults { RejectCredentials = true };
        await using var server = await StartAsync(fleet.Fleet);

        var rejected = await server.SendAsync("HV01/wsman", VmEnumerate);
        var other = await server.SendAsync("HV02/wsman", VmEnumerate);

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.Status);
        Assert.Equal("Basic realm=\"WSMAN\"", rejected.WwwAuthenticate);
        other.AssertOk();
    }

    [Fact]
    public async Task DefaultPath_AnswersAsTheFirstStandaloneHost()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "100"), ("Filter", HostQuery)));

        Assert.Equal(["HV01"], reply.AssertOk().Texts($"{Items}/cs:Msvm_ComputerSystem/cs:Name"));
    }

    [Fact]
    public async Task HostPath_IsCaseInsensitive()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("hv02/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "100"), ("Filter", HostQuery)));

        Assert.Equal(["HV02"], reply.AssertOk().Texts($"{Items}/cs:Msvm_ComputerSystem/cs:Name"));
    }

    [Fact]
    public async Task HostPath_UnknownName_Answers404()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("NO-SUCH-HOST/wsman", VmEnumerate);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }

    [Fact]
    public async Task ClusterPath_AnswersAsTheActiveNodeWithClusterClasses()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        const string cluster = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/MSCluster/*";

        var nodes = await server.SendAsync("CLU01/wsman", Golden("Enumerate.xml", ("ResourceURI", cluster), ("MaxElements", "100"),
            ("Filter", "SELECT * FROM MSCluster_Node")));
        var resources = await server.SendAsync("CLU01/wsman", Golden("Enumerate.xml", ("ResourceURI", cluster), ("MaxElements", "100"),
            ("Filter", "SELECT * FROM MSCluster_Resource WHERE Type = 'Virtual Machine'")));
        var activeBefore = await server.SendAsync("CLU01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "100"), ("Filter", HostQuery)));
        fleet.Cluster.FailNode("CLU01-N1");
        var activeAfter = await server.SendAsync("CLU01/wsman", Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "100"), ("Filter", HostQuery)));

        Assert.Equal(["CLU01-N1", "CLU01-N2"], nodes.AssertOk().Texts($"{Items}/node:MSCluster_Node/node:Name").Order());
        var privateProperties = resources.AssertOk().Nodes($"{Items}/res:MSCluster_Resource/res:PrivateProperties").Cast<XmlNode>().ToList();
        Assert.Equal(2, privateProperties.Count);
        Assert.All(privateProperties, p => Assert.Equal("MSCluster_Property_Type", p.Attributes?["type", "http://www.w3.org/2001/XMLSchema-instance"]?.Value));
        Assert.Equal(fleet.ClusterVms.Select(v => v.Id.ToString("D")).Order(),
            resources.Texts($"{Items}/res:MSCluster_Resource/res:PrivateProperties/res:VmID").Order());
        Assert.Equal(["CLU01-N1"], activeBefore.AssertOk().Texts($"{Items}/cs:Msvm_ComputerSystem/cs:Name"));
        Assert.Equal(["CLU01-N2"], activeAfter.AssertOk().Texts($"{Items}/cs:Msvm_ComputerSystem/cs:Name"));
    }

    [Fact]
    public async Task Request_UnreachableHost_ClosesTheConnectionUnanswered()
    {
        var fleet = new WsManFleet();
        fleet.Hv01.Faults = new HostFaults { Unreachable = true };
        await using var server = await StartAsync(fleet.Fleet);

        await Assert.ThrowsAsync<HttpRequestException>(() => server.SendAsync("HV01/wsman", VmEnumerate));
        var other = await server.SendAsync("HV02/wsman", VmEnumerate);

        other.AssertOk();
        Assert.Equal(1, fleet.Hv01.Requests);
    }

    [Fact]
    public async Task Request_ClusterWithEveryNodeDown_ClosesTheConnectionUnanswered()
    {
        var fleet = new WsManFleet();
        fleet.Cluster.FailNode("CLU01-N1");
        fleet.Cluster.FailNode("CLU01-N2");
        await using var server = await StartAsync(fleet.Fleet);

        await Assert.ThrowsAsync<HttpRequestException>(() => server.SendAsync("CLU01/wsman", VmEnumerate));
    }

    [Fact]
    public async Task Request_ErrorRateOne_FaultsWithWmiGenericFailure()
    {
        var fleet = new WsManFleet();
        fleet.Hv01.Faults = new HostFaults { ErrorRate = 1.0 };
        await using var server = await StartAsync(fleet.Fleet);

        var first = await server.SendAsync("HV01/wsman", VmEnumerate);
        var second = await server.SendAsync("HV01/wsman", VmEnumerate);

        first.AssertFault("w:InternalError");
        second.AssertFault("w:InternalError");
        Assert.Equal("s:Receiver", first.Text("/s:Envelope/s:Body/s:Fault/s:Code/s:Value"));
        Assert.Equal("2147749889", first.Text("//err:MSFT_WmiError/err:error_Code"));
        Assert.Equal(2, fleet.Hv01.Requests);
    }

    [Fact]
    public async Task Request_MalformedHost_Answers200WithBodyThatIsNotWellFormed()
    {
        var fleet = new WsManFleet();
        fleet.Hv01.Faults = new HostFaults { Malformed = true };
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", VmEnumerate);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.StartsWith("<s:Envelope", reply.Body, StringComparison.Ordinal);
        Assert.Throws<XmlException>(() => reply.Xml);
    }

    [Fact]
    public async Task Request_Latency_AnswersOnlyAfterTheFleetClockMovesOn()
    {
        var time = new TimerWatchingTimeProvider();
        var fleet = new SimulatedFleet(time, seed: 3);
        var host = fleet.AddHost("HV01");
        SimulatorHarness.AddVm(host, "VM01");
        host.Faults = new HostFaults { Latency = TimeSpan.FromSeconds(30) };
        await using var server = await StartAsync(fleet);

        var call = server.SendAsync("HV01/wsman", VmEnumerate);
        var delay = await time.TimerCreated.Task.WaitAsync(TestTimeouts.Long, Token);
        var completedBeforeAdvance = call.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(30));
        var reply = await call.WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(TimeSpan.FromSeconds(30), delay);
        Assert.False(completedBeforeAdvance);
        Assert.Equal(["VM01"], reply.AssertOk().Texts($"{Items}/cs:Msvm_ComputerSystem/cs:ElementName"));
    }

    [Fact]
    public async Task Request_HangingHost_NeverAnswersUntilTheClientGivesUp()
    {
        var fleet = new WsManFleet();
        fleet.Hv01.Faults = new HostFaults { Hang = true };
        await using var server = await StartAsync(fleet.Fleet);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(500));

        var call = server.Client.SendAsync(Post("HV01/wsman", VmEnumerate), giveUp.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Long, Token));
        fleet.Sim.Time.Advance(TimeSpan.FromDays(1));
        var other = await server.SendAsync("HV02/wsman", VmEnumerate);
        other.AssertOk();
    }

    [Fact]
    public async Task Dispose_WithAHangingRequest_StopsPromptlyAndFailsTheRequest()
    {
        var fleet = new WsManFleet();
        fleet.Hv01.Faults = new HostFaults { Hang = true };
        var server = await StartAsync(fleet.Fleet);
        var call = server.Client.SendAsync(Post("HV01/wsman", VmEnumerate), Token);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (fleet.Hv01.Requests == 0)
        {
            Assert.False(call.IsCompleted, "a hanging host answered");
            Assert.True(waited.Elapsed < TestTimeouts.Long, "the request never reached the server");
            await Task.Delay(10, Token);
        }

        await server.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Long, Token);

        await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TestTimeouts.Long, Token));
    }

    [Fact]
    public async Task Request_WithDtd_IsRefusedUnprocessed()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", Golden("EnumerateWithDtd.xml"));

        reply.AssertFault("w:SchemaValidationError", HttpStatusCode.BadRequest);
        Assert.Contains("DTD", reply.Text("//f:WSManFault/f:Message"), StringComparison.Ordinal);
        Assert.Null(reply.Node("/s:Envelope/s:Body/n:EnumerateResponse"));
    }

    [Theory]
    [InlineData("this is not XML")]
    [InlineData("<Envelope><Body/></Envelope>")]
    [InlineData("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header/><s:Body><unterminated></s:Body></s:Envelope>")]
    [InlineData("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header/></s:Envelope>")]
    public async Task Request_NotASoapEnvelope_FaultsWith400(string body)
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);

        var reply = await server.SendAsync("HV01/wsman", body);

        reply.AssertFault("w:SchemaValidationError", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Request_LargerThanTheCap_FaultsEncodingLimit()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet, new WsManServerOptions { MaxRequestBytes = 4096 });
        var padded = Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "100"),
            ("Filter", VmQuery + " AND ElementName <> '" + new string('x', 8000) + "'"));

        var reply = await server.SendAsync("HV01/wsman", padded);
        var small = await server.SendAsync("HV01/wsman", VmEnumerate);

        reply.AssertFault("w:EncodingLimit", HttpStatusCode.BadRequest);
        small.AssertOk();
    }

    [Fact]
    public async Task Request_UnknownMustUnderstandHeader_FaultsMustUnderstand()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet);
        var envelope = VmEnumerate.Replace("</s:Header>", "<x:Transaction xmlns:x=\"urn:example\" s:mustUnderstand=\"true\">1</x:Transaction></s:Header>", StringComparison.Ordinal);

        var reply = await server.SendAsync("HV01/wsman", envelope);

        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("s:MustUnderstand", reply.Text("/s:Envelope/s:Body/s:Fault/s:Code/s:Value"));
    }

    [Fact]
    public async Task Https_PinnedThumbprint_IsServedAndDefaultValidationRefusesIt()
    {
        var fleet = new WsManFleet();
        await using var server = await StartAsync(fleet.Fleet, new WsManServerOptions { UseHttps = true });
        var thumbprint = server.Host.CertificateThumbprint;
        using var pinned = new HttpClient(new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 presented && presented.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint,
            },
        })
        {
            BaseAddress = server.Host.BaseAddress,
        };

        using var response = await pinned.SendAsync(Post("HV01/wsman", VmEnumerate), Token).WaitAsync(TestTimeouts.Long, Token);
        var body = await response.Content.ReadAsStringAsync(Token).WaitAsync(TestTimeouts.Long, Token);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => server.SendAsync("HV01/wsman", VmEnumerate));

        Assert.Equal("https", server.Host.BaseAddress.Scheme);
        Assert.Matches("^[0-9A-F]{64}$", thumbprint);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, new WsManReply(response.StatusCode, body, string.Empty, null).Nodes($"{Items}/cs:Msvm_ComputerSystem").Count);
        Assert.IsType<AuthenticationException>(refused.InnerException);
        var certificate = server.Host.Certificate!;
        Assert.Equal(2048, certificate.GetRSAPublicKey()!.KeySize);
        Assert.InRange(certificate.NotAfter - certificate.NotBefore, TimeSpan.FromDays(365), TimeSpan.FromDays(367));
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
    }

    private static HttpRequestMessage Post(string path, string envelope)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(envelope, Encoding.UTF8, "application/soap+xml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        return request;
    }

    /// <summary>A fake clock that reports the first timer created on it: the moment the server starts its latency delay.</summary>
    private sealed class TimerWatchingTimeProvider : FakeTimeProvider
    {
        public TaskCompletionSource<TimeSpan> TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.TrySetResult(dueTime);
            return timer;
        }
    }
}
