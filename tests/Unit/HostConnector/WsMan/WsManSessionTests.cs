using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostConnector.WsMan;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>
/// <see cref="WsManSession"/> through real HTTP against a fake WS-Management server: enumeration paging and release,
/// Get, Invoke, faults, HTTP and network failures, timeouts and authentication.
/// </summary>
public sealed class WsManSessionTests
{
    private static readonly XName s_messageId = XName.Get("MessageID", WsManNames.Addressing);
    private static readonly XName s_to = XName.Get("To", WsManNames.Addressing);
    private static readonly XNamespace s_wsman = WsManNames.WsMan;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // ---- Enumeration ----

    [Fact]
    public async Task QueryAsync_ThreePages_PullsWithEachContextAndStopsAtEndOfSequence()
    {
        await using var server = await FakeWsManServer.StartAsync(request => request.Action switch
        {
            WsManNames.ActionEnumerate => (200, Envelopes.EnumerateResponse(request.MessageId, "uuid:ctx-1", false, "A")),
            WsManNames.ActionPull when request.EnumerationContext == "uuid:ctx-1" => (200, Envelopes.PullResponse(request.MessageId, "uuid:ctx-2", false, "B", "C")),
            WsManNames.ActionPull when request.EnumerationContext == "uuid:ctx-2" => (200, Envelopes.PullResponse(request.MessageId, null, true, "D")),
            _ => (500, "unexpected"),
        });
        await using var session = Session(server.Endpoint, timeout: TimeSpan.FromSeconds(15));

        var vms = await session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(["A", "B", "C", "D"], vms.Select(vm => vm.GetString("ElementName")));
        Assert.All(vms, vm => Assert.Equal(CimNamespaces.Virtualization, vm.Namespace));
        var requests = server.Requests;
        Assert.Equal([WsManNames.ActionEnumerate, WsManNames.ActionPull, WsManNames.ActionPull], requests.Select(r => r.Action));
        Assert.Equal(["uuid:ctx-1", "uuid:ctx-2"], requests.Skip(1).Select(r => r.EnumerationContext));
        Assert.All(requests, r => Assert.Equal(WsManNames.WildcardResourceUri(CimNamespaces.Virtualization), r.ResourceUri));
        Assert.All(requests, r => Assert.Equal(WsManNames.SoapContentType, r.ContentType));
        Assert.Equal(requests.Count, requests.Select(r => r.MessageId).Distinct().Count());
        XmlStructure.AssertEqual(Golden.Text("request-enumerate-wql.xml"), requests[0].Body, s_messageId, s_to);
    }

    [Fact]
    public async Task QueryAsync_MaxElementsOption_IsSentOnEnumerateAndPull()
    {
        await using var server = await FakeWsManServer.StartAsync(request => request.Is(WsManNames.ActionEnumerate)
            ? (200, Envelopes.EnumerateResponse(request.MessageId, "uuid:ctx-1", false, "A"))
            : (200, Envelopes.PullResponse(request.MessageId, null, true, "B")));
        await using var session = Session(server.Endpoint, new WsManClientOptions { MaxElements = 7 });

        await session.QueryAsync(CimNamespaces.Virtualization, "SELECT * FROM Msvm_ComputerSystem", Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.All(server.Requests, r => Assert.Equal("7", r.Xml.Descendants().Single(e => e.Name.LocalName == "MaxElements").Value));
    }

    [Fact]
    public async Task QueryAsync_CancelledWhilePulling_ReleasesTheEnumeration()
    {
        var pulling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeWsManServer.StartAsync(async (request, response, token) =>
        {
            if (request.Is(WsManNames.ActionEnumerate))
            {
                await FakeWsManServer.WriteAsync(response, 200, Envelopes.EnumerateResponse(request.MessageId, "uuid:ctx-1", false, "A"), token);
            }
            else if (request.Is(WsManNames.ActionPull))
            {
                pulling.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            else
            {
                await FakeWsManServer.WriteAsync(response, 200, Envelopes.ReleaseResponse(request.MessageId), token);
            }
        });
        await using var session = Session(server.Endpoint);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var query = session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery, cancel.Token);
        await pulling.Task.WaitAsync(TestTimeouts.Long, Token);
        await cancel.CancelAsync().WaitAsync(TestTimeouts.Short, Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query.WaitAsync(TestTimeouts.Long, Token));
        var release = Assert.Single(server.Requests, r => r.Is(WsManNames.ActionRelease));
        Assert.Equal("uuid:ctx-1", release.EnumerationContext);
        Assert.Equal(WsManNames.WildcardResourceUri(CimNamespaces.Virtualization), release.ResourceUri);
    }

    [Fact]
    public async Task QueryAsync_MoreItemsThanMaxItems_FailsAndReleases()
    {
        await using var server = await FakeWsManServer.StartAsync(request => request.Action switch
        {
            WsManNames.ActionEnumerate => (200, Envelopes.EnumerateResponse(request.MessageId, "uuid:ctx-1", false, "A", "B")),
            WsManNames.ActionPull => (200, Envelopes.PullResponse(request.MessageId, "uuid:ctx-2", false, "C", "D")),
            _ => (200, Envelopes.ReleaseResponse(request.MessageId)),
        });
        await using var session = Session(server.Endpoint, new WsManClientOptions { MaxItems = 3 });

        var error = await Assert.ThrowsAsync<CimException>(() =>
            session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery, Token).WaitAsync(TestTimeouts.Long, Token));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("more than 3 items", error.Message, StringComparison.Ordinal);
        Assert.Equal("uuid:ctx-2", Assert.Single(server.Requests, r => r.Is(WsManNames.ActionRelease)).EnumerationContext);
    }

    [Fact]
    public async Task QueryAsync_EndOfSequenceInTheFirstResponse_SendsNoPullAndNoRelease()
    {
        await using var server = await FakeWsManServer.StartAsync(request =>
            (200, Envelopes.EnumerateResponse(request.MessageId, null, true, "A", "B")));
        await using var session = Session(server.Endpoint);

        var vms = await session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(2, vms.Count);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task EnumerateAsync_Class_UsesTheClassResourceUriWithoutAFilter()
    {
        await using var server = await FakeWsManServer.StartAsync(request => (200, Envelopes.EnumerateResponse(request.MessageId, null, true, "A")));
        await using var session = Session(server.Endpoint);

        var vms = await session.EnumerateAsync(CimNamespaces.Virtualization, HyperVSchema.ComputerSystem, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Single(vms);
        var request = Assert.Single(server.Requests);
        Assert.Equal(WsManNames.ResourceUri(CimNamespaces.Virtualization, HyperVSchema.ComputerSystem), request.ResourceUri);
        Assert.Empty(request.Xml.Descendants(s_wsman + "Filter"));
        Assert.Single(request.Xml.Descendants(s_wsman + "OptimizeEnumeration"));
    }

    [Fact]
    public async Task AssociatorsAsync_SendsAssociatorsOfAsAWqlFilter()
    {
        await using var server = await FakeWsManServer.StartAsync(request => (200, Envelopes.EnumerateResponse(request.MessageId, null, true)));
        await using var session = Session(server.Endpoint);
        var vm = CimReference.Create(HyperVSchema.ComputerSystem, CimNamespaces.Virtualization,
            ("CreationClassName", HyperVSchema.ComputerSystem), ("Name", "6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10"));

        var result = await session.AssociatorsAsync(vm, HyperVSchema.SettingsDefineState, HyperVSchema.SettingData, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Empty(result);
        var filter = Assert.Single(Assert.Single(server.Requests).Xml.Descendants(s_wsman + "Filter"));
        Assert.Equal(WsManNames.WqlDialect, filter.Attribute("Dialect")?.Value);
        Assert.Equal(
            "ASSOCIATORS OF {root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"6F0C8B1E-3A47-4D2B-9C51-0E2F7A9B4C10\"} " +
            "WHERE AssocClass = Msvm_SettingsDefineState ResultClass = Msvm_VirtualSystemSettingData",
            filter.Value);
    }

    // ---- Get and Invoke ----

    [Fact]
    public async Task GetAsync_Job_SendsItsSelectorsAndReadsTheInstance()
    {
        await using var server = await FakeWsManServer.StartAsync(request => (200, Golden.Answering("response-get-concretejob.xml", request.MessageId)));
        await using var session = Session(server.Endpoint, timeout: TimeSpan.FromSeconds(15));
        var reference = CimReference.Create(HyperVSchema.ConcreteJob, CimNamespaces.Virtualization, ("InstanceID", "2C5D8E91-4B3A-4F6E-8D7C-9A0B1C2D3E4F"));

        var job = await session.GetAsync(reference, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HyperVSchema.JobState.Completed, job.GetUInt16("JobState"));
        Assert.Equal(reference, job.Path);
        Assert.Equal(reference, job.ToReference());
        XmlStructure.AssertEqual(Golden.Text("request-get-selectors.xml"), Assert.Single(server.Requests).Body, s_messageId, s_to);
    }

    [Fact]
    public async Task InvokeAsync_CreateSnapshot_SendsTheParametersAndReadsTheOutputs()
    {
        await using var server = await FakeWsManServer.StartAsync(request => (200, Golden.Answering("response-invoke-createsnapshot.xml", request.MessageId)));
        await using var session = Session(server.Endpoint, timeout: TimeSpan.FromSeconds(15));

        var result = await session.InvokeAsync(WsManGoldenTests.SnapshotService(), "CreateSnapshot", WsManGoldenTests.CreateSnapshotParameters(), Token)
            .WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HyperVSchema.ReturnCode.JobStarted, result.ReturnValue);
        Assert.Equal("2C5D8E91-4B3A-4F6E-8D7C-9A0B1C2D3E4F", result.OutParameters.GetReference("Job")?["InstanceID"]);
        Assert.Null(result.OutParameters["ResultingSnapshot"]);
        XmlStructure.AssertEqual(Golden.Text("request-invoke-createsnapshot.xml"), Assert.Single(server.Requests).Body, s_messageId, s_to);
    }

    [Fact]
    public async Task GetAsync_ResponseRelatesToAnotherMessage_IsMalformed()
    {
        await using var server = await FakeWsManServer.StartAsync(_ => (200, Golden.Answering("response-get-concretejob.xml", "uuid:someone-else")));
        await using var session = Session(server.Endpoint);

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("relates to message uuid:someone-else, not to this request", error.Message, StringComparison.Ordinal);
    }

    // ---- Faults and HTTP failures ----

    [Theory]
    [InlineData("fault-invalid-selectors.xml", 400, CimErrorKind.NotFound, 2150858843u)]
    [InlineData("fault-wmi-not-found.xml", 500, CimErrorKind.NotFound, 0x80041002u)]
    [InlineData("fault-wmi-invalid-class.xml", 500, CimErrorKind.NotFound, 0x80041010u)]
    [InlineData("fault-wmi-invalid-query.xml", 500, CimErrorKind.InvalidQuery, 0x80041017u)]
    [InlineData("fault-access-denied.xml", 500, CimErrorKind.AccessDenied, 5u)]
    [InlineData("fault-access-denied.xml", 200, CimErrorKind.AccessDenied, 5u)]
    public async Task GetAsync_Fault_BecomesItsKindCodeAndHostMessage(string sample, int status, CimErrorKind kind, uint code)
    {
        await using var server = await FakeWsManServer.StartAsync(request => (status, Golden.Answering(sample, request.MessageId)));
        await using var session = Session(server.Endpoint);

        var error = await GetFailsAsync(session);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.WmiErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.HostMessage));
        Assert.Equal("HV01", error.Host);
    }

    [Fact]
    public async Task GetAsync_Http401_IsAuthenticationFailed()
    {
        await using var server = await FakeWsManServer.StartAsync(_ => (401, string.Empty));
        await using var session = Session(server.Endpoint);

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal("HV01 rejected the credentials (HTTP 401).", error.Message);
    }

    [Theory]
    [InlineData(503, "")]
    [InlineData(500, "<html><body>Internal Server Error</body></html>")]
    public async Task GetAsync_HttpErrorWithoutAFault_IsAProviderErrorNamingTheStatus(int status, string body)
    {
        await using var server = await FakeWsManServer.StartAsync(_ => (status, body));
        await using var session = Session(server.Endpoint);

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.ProviderError, error.Kind);
        Assert.Contains($"HV01 answered HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("without a SOAP fault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ConnectionRefused_IsUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var session = Session(new Uri($"http://127.0.0.1:{port}/wsman"));

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.Unreachable, error.Kind);
        Assert.Equal("HV01", error.Host);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ServerNeverAnswers_TimesOutWithinTheOperationTimeout()
    {
        await using var server = await FakeWsManServer.StartAsync((_, _, token) => Task.Delay(Timeout.InfiniteTimeSpan, token));
        await using var session = Session(server.Endpoint, timeout: TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.Timeout, error.Kind);
        Assert.Contains("0.3 s", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TestTimeouts.Short);
    }

    // ---- Authentication ----

    [Fact]
    public async Task GetAsync_BasicOverPlainHttp_IsRefusedBeforeAnyRequestIsSent()
    {
        await using var server = await FakeWsManServer.StartAsync(_ => (200, string.Empty));
        await using var session = Session(server.Endpoint, security: new WsManSecurityOptions { Authentication = "Basic" },
            credential: new NetworkCredential("admin", "p@ss"));

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.Configuration, error.Kind);
        Assert.Contains("Basic authentication over plain HTTP sends the password in clear text; use https or set AllowUnencryptedBasic for this host",
            error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task GetAsync_BasicOverPlainHttpAllowed_SendsTheAuthorizationHeader()
    {
        await using var server = await FakeWsManServer.StartAsync(request => (200, Golden.Answering("response-get-concretejob.xml", request.MessageId)));
        await using var session = Session(server.Endpoint,
            security: new WsManSecurityOptions { Authentication = "Basic", AllowUnencryptedBasic = true },
            credential: new NetworkCredential("admin", "p@ss"));

        await session.GetAsync(Job(), Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:p@ss")), Assert.Single(server.Requests).Authorization);
    }

    [Theory]
    [InlineData("Digest")]
    [InlineData("CredSSP")]
    public async Task GetAsync_UnknownAuthentication_IsAConfigurationError(string scheme)
    {
        await using var session = Session(new Uri("https://hv01:5986/wsman"), security: new WsManSecurityOptions { Authentication = scheme });

        var error = await GetFailsAsync(session);

        Assert.Equal(CimErrorKind.Configuration, error.Kind);
        Assert.Contains(scheme, error.Message, StringComparison.Ordinal);
    }

    internal static CimReference Job() =>
        CimReference.Create(HyperVSchema.ConcreteJob, CimNamespaces.Virtualization, ("InstanceID", "2C5D8E91-4B3A-4F6E-8D7C-9A0B1C2D3E4F"));

    internal static async Task<CimException> GetFailsAsync(WsManSession session) =>
        await Assert.ThrowsAsync<CimException>(() => session.GetAsync(Job(), Token).WaitAsync(TestTimeouts.Long, Token));

    internal static WsManSession Session(
        Uri endpoint,
        WsManClientOptions? options = null,
        WsManSecurityOptions? security = null,
        NetworkCredential? credential = null,
        TimeSpan? timeout = null) =>
        new(new CimConnection("HV01", endpoint, CimTransport.WsMan, credential, timeout ?? TimeSpan.FromSeconds(10))
        {
            Security = security ?? new WsManSecurityOptions(),
        }, options ?? new WsManClientOptions(), TimeProvider.System);
}
