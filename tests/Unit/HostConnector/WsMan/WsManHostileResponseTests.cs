using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostConnector.WsMan;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostConnector.WsMan.WsManSessionTests;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>
/// Responses a broken or hostile host might send, through real HTTP: each fails as
/// <see cref="CimErrorKind.MalformedResponse"/> with a message naming the problem, without reading local files,
/// expanding entities or buffering more than the size cap.
/// </summary>
public sealed class WsManHostileResponseTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Hostile => new()
    {
        {
            BillionLaughs(),
            "the response contains a DTD, which is refused"
        },
        {
            Truncated(Envelopes.EnumerateResponse(null, "uuid:ctx-1", true, "A", "B")),
            "the response ended early: "
        },
        {
            """<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>""",
            "expected a SOAP 1.2 Envelope (http://www.w3.org/2003/05/soap-envelope), got {http://schemas.xmlsoap.org/soap/envelope/}Envelope"
        },
        {
            Envelopes.Envelope(null, WsManNames.ActionEnumerateResponse, """<x:Surprise xmlns:x="urn:surprise"/>"""),
            "expected n:EnumerateResponse in the s:Body, got {urn:surprise}Surprise"
        },
        {
            $"""<s:Envelope xmlns:s="{WsManNames.Soap}"><s:Header/></s:Envelope>""",
            "the response has no s:Body"
        },
        {
            "\u0001\u0002 definitely not XML \u00ff",
            "the response is not well-formed XML: "
        },
        {
            string.Empty,
            "the response is empty"
        },
        {
            Envelopes.EnumerateResponse(null, null, false, "A"),
            "the enumeration response has neither an EnumerationContext nor an EndOfSequence"
        },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task QueryAsync_HostileResponse_IsMalformedNamingTheProblem(string body, string problem)
    {
        await using var server = await FakeWsManServer.StartAsync(_ => (200, body));
        await using var session = Session(server.Endpoint);

        var error = await QueryFailsAsync(session);

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Equal("HV01", error.Host);
        Assert.StartsWith("HV01 sent a malformed WS-Management response: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_ExternalEntity_FailsOnTheDtdWithoutReadingTheFile()
    {
        var marker = "XXE-MARKER-" + Guid.NewGuid().ToString("N");
        var secret = Path.Combine(Path.GetTempPath(), $"wsman-secret-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, marker, Token).WaitAsync(TestTimeouts.Short, Token);
        try
        {
            var body = $"""
                <?xml version="1.0"?>
                <!DOCTYPE s:Envelope [<!ENTITY e SYSTEM "{new Uri(secret).AbsoluteUri}">]>
                <s:Envelope xmlns:s="{WsManNames.Soap}" xmlns:n="{WsManNames.Enumeration}" xmlns:w="{WsManNames.WsMan}">
                  <s:Body><n:EnumerateResponse><n:EnumerationContext>&e;</n:EnumerationContext><w:Items/><w:EndOfSequence/></n:EnumerateResponse></s:Body>
                </s:Envelope>
                """;

            // The payload is real: a reader that processes DTDs and resolves files does read the secret.
            Assert.Contains(marker, ReadPermissively(body), StringComparison.Ordinal);

            await using var server = await FakeWsManServer.StartAsync(_ => (200, body));
            await using var session = Session(server.Endpoint);
            var error = await QueryFailsAsync(session);

            Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
            Assert.Contains("the response contains a DTD, which is refused", error.Message, StringComparison.Ordinal);
            for (Exception? e = error; e is not null; e = e.InnerException)
            {
                Assert.DoesNotContain(marker, e.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task QueryAsync_DeclaredLengthOverTheCap_FailsBeforeReadingTheBody()
    {
        var huge = new string('x', 5 * 1024 * 1024);
        await using var server = await FakeWsManServer.StartAsync(_ => (200, huge));
        await using var session = Session(server.Endpoint, new WsManClientOptions { MaxResponseBytes = 512_000 });

        var error = await QueryFailsAsync(session);

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("the response exceeds the size limit of 512000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_StreamedResponseOverTheCap_StopsReadingAtTheCap()
    {
        // A raw socket server, so what it manages to send is what the client's socket accepted: Kestrel would quietly
        // drop writes once the client hangs up. No Content-Length: the client can only count bytes as they arrive.
        const long Total = 256L * 1024 * 1024;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeEndlessResponseAsync(listener, Total);
        await using var session = Session(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/wsman"),
            new WsManClientOptions { MaxResponseBytes = 512_000 });

        var error = await QueryFailsAsync(session);
        var sent = await serving.WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("the response exceeds the size limit of 512000 bytes", error.Message, StringComparison.Ordinal);

        // Whatever socket buffers hold aside, the client hung up long before the host could send it all.
        Assert.True(sent < Total / 4, $"the server sent {sent:N0} bytes before the client hung up");
    }

    [Fact]
    public async Task QueryAsync_OversizedPullResponse_ReleasesTheEnumeration()
    {
        await using var server = await FakeWsManServer.StartAsync(request => request.Action switch
        {
            WsManNames.ActionEnumerate => (200, Envelopes.EnumerateResponse(request.MessageId, "uuid:ctx-1", false, "A")),
            WsManNames.ActionPull => (200, Envelopes.PullResponse(request.MessageId, "uuid:ctx-2", false, [.. Enumerable.Repeat(new string('B', 1000), 600)])),
            _ => (200, Envelopes.ReleaseResponse(request.MessageId)),
        });
        await using var session = Session(server.Endpoint, new WsManClientOptions { MaxResponseBytes = 200_000 });

        var error = await QueryFailsAsync(session);

        Assert.Contains("the response exceeds the size limit of 200000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal("uuid:ctx-1", Assert.Single(server.Requests, r => r.Is(WsManNames.ActionRelease)).EnumerationContext);
    }

    private static async Task<CimException> QueryFailsAsync(WsManSession session) =>
        await Assert.ThrowsAsync<CimException>(() =>
            session.QueryAsync(CimNamespaces.Virtualization, HyperVInventoryReader.VmQuery, Token).WaitAsync(TestTimeouts.Long, Token));

    private static async Task<long> ServeEndlessResponseAsync(TcpListener listener, long total)
    {
        using var client = await listener.AcceptTcpClientAsync(Token);
        var stream = client.GetStream();
        var request = new byte[64 * 1024];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(request, Token);
            if (read == 0)
            {
                return 0;
            }

            received.Append(Encoding.ASCII.GetString(request, 0, read));
        }

        long sent = 0;
        try
        {
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: {WsManNames.SoapContentType}\r\nConnection: close\r\n\r\n<s:Envelope xmlns:s=\"{WsManNames.Soap}\">";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Token);
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
            while (sent < total)
            {
                await stream.WriteAsync(chunk, Token);
                sent += chunk.Length;
            }
        }
        catch (IOException)
        {
            // The client hung up, as it should.
        }

        return sent;
    }

    private static string Truncated(string envelope) => envelope[..(envelope.Length * 2 / 3)];

    private static string BillionLaughs()
    {
        var builder = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            builder.Append("<!ENTITY lol").Append(i).Append(" \"");
            for (var j = 0; j < 10; j++)
            {
                builder.Append("&lol").Append(i - 1).Append(';');
            }

            builder.Append("\">");
        }

        return builder.Append($"]><s:Envelope xmlns:s=\"{WsManNames.Soap}\"><s:Body>&lol9;</s:Body></s:Envelope>").ToString();
    }

    private static string ReadPermissively(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var text = new StringBuilder();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Text)
            {
                text.Append(reader.Value);
            }
        }

        return text.ToString();
    }
}
