using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using CheckpointDashboard.HostConnector.WsMan;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>
/// A tiny WS-Management "host": Kestrel on 127.0.0.1:0 (optionally HTTPS) whose handler returns canned responses,
/// so the client is exercised through real HTTP, sockets and TLS. Records every request it receives.
/// </summary>
internal sealed class FakeWsManServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();

    private FakeWsManServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The <c>/wsman</c> URL of the server, on 127.0.0.1.</summary>
    public Uri Endpoint { get; }

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public static async Task<FakeWsManServer> StartAsync(
        Func<FakeRequest, HttpResponse, CancellationToken, Task> handler,
        X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        FakeWsManServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var request = new FakeRequest(body, context.Request.Headers.Authorization.ToString(), context.Request.ContentType);
            server!._requests.Enqueue(request);
            await handler(request, context.Response, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TestSupport.TestTimeouts.Long, TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new FakeWsManServer(app, new Uri(new Uri(address), "/wsman"));
        return server;
    }

    /// <summary>A server that answers every request with <paramref name="respond"/>'s (status, body).</summary>
    public static Task<FakeWsManServer> StartAsync(Func<FakeRequest, (int Status, string Body)> respond, X509Certificate2? certificate = null) =>
        StartAsync((request, response, token) =>
        {
            var (status, body) = respond(request);
            return WriteAsync(response, status, body, token);
        }, certificate);

    public static async Task WriteAsync(HttpResponse response, int status, string body, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = WsManNames.SoapContentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TestSupport.TestTimeouts.Short);
        await _app.StopAsync(stop.Token).WaitAsync(TestSupport.TestTimeouts.Long, CancellationToken.None);
        await _app.DisposeAsync().AsTask().WaitAsync(TestSupport.TestTimeouts.Long, CancellationToken.None);
    }
}

/// <summary>One request as the fake server saw it, with the WS-Management fields tests look at.</summary>
internal sealed class FakeRequest
{
    private static readonly XNamespace s_addressing = WsManNames.Addressing;
    private static readonly XNamespace s_wsman = WsManNames.WsMan;
    private static readonly XNamespace s_enumeration = WsManNames.Enumeration;

    public FakeRequest(string body, string authorization, string? contentType)
    {
        Body = body;
        Authorization = authorization;
        ContentType = contentType;
        Xml = XDocument.Parse(body);
    }

    public string Body { get; }

    public string Authorization { get; }

    public string? ContentType { get; }

    public XDocument Xml { get; }

    public string? Action => Xml.Descendants(s_addressing + "Action").FirstOrDefault()?.Value;

    public string? MessageId => Xml.Descendants(s_addressing + "MessageID").FirstOrDefault()?.Value;

    public string? ResourceUri => Xml.Descendants(s_wsman + "ResourceURI").FirstOrDefault()?.Value;

    public string? EnumerationContext => Xml.Descendants(s_enumeration + "EnumerationContext").FirstOrDefault()?.Value;

    public bool Is(string action) => string.Equals(Action, action, StringComparison.Ordinal);
}
