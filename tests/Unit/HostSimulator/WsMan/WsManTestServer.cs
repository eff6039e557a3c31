using System.Net.Http.Headers;
using System.Security;
using System.Text;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.HostSimulator.WsMan;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;

/// <summary>
/// The simulator's WS-Management server on a loopback port with an HttpClient that sends raw SOAP: golden request
/// files from <c>Golden/</c> with their <c>{{placeholders}}</c> filled in, preemptive Basic authentication.
/// </summary>
internal sealed class WsManTestServer : IAsyncDisposable
{
    public const string User = "sim";
    public const string Password = "sim";
    public const string V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";

    private WsManTestServer(SimulatorWsManHost host, HttpClient client)
    {
        Host = host;
        Client = client;
    }

    public SimulatorWsManHost Host { get; }

    public HttpClient Client { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<WsManTestServer> StartAsync(SimulatedFleet fleet, WsManServerOptions? options = null)
    {
        var host = await SimulatorWsManHost.StartAsync(fleet, options, Token).WaitAsync(TestTimeouts.Long, Token);
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TestTimeouts.Long,
        };
        return new WsManTestServer(host, client);
    }

    /// <summary>A golden request with its placeholders filled in; values are XML-escaped unless the key ends in <c>Xml</c>.</summary>
    public static string Golden(string name, params (string Key, string Value)[] values)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HostSimulator", "WsMan", "Golden", name));
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["To"] = "http://hv01:5985/wsman",
            ["MessageID"] = "uuid:" + Guid.NewGuid().ToString("D"),
        };
        foreach (var (key, value) in values)
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            var raw = key.EndsWith("Xml", StringComparison.Ordinal);
            text = text.Replace("{{" + (raw ? key[..^3] : key) + "}}", raw ? value : SecurityElement.Escape(value), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        return text;
    }

    /// <summary>The <c>w:Selector</c> elements for a Get or an EPR.</summary>
    public static string Selectors(params (string Name, string Value)[] selectors) =>
        string.Concat(selectors.Select(s => $"<w:Selector Name=\"{SecurityElement.Escape(s.Name)}\">{SecurityElement.Escape(s.Value)}</w:Selector>"));

    /// <summary>The resource URI of a class of root\virtualization\v2.</summary>
    public static string Class(string className) => V2 + className;

    /// <summary>POSTs <paramref name="envelope"/> to <paramref name="path"/> (e.g. <c>HV01/wsman</c>); null credentials send none.</summary>
    public async Task<WsManReply> SendAsync(string path, string envelope, string? user = User, string? password = Password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(envelope, Encoding.UTF8, "application/soap+xml"),
        };
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        using var response = await Client.SendAsync(request, Token).WaitAsync(TestTimeouts.Long, Token);
        var body = await response.Content.ReadAsStringAsync(Token).WaitAsync(TestTimeouts.Long, Token);
        return new WsManReply(response.StatusCode, body, response.Headers.WwwAuthenticate.ToString(), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Enumerates a WQL query to the end with paging: the optimized Enumerate, then Pulls.</summary>
    public async Task<List<WsManReply>> EnumerateAllAsync(string path, string wql, int maxElements, string resourceUri = V2 + "*")
    {
        var replies = new List<WsManReply>();
        var reply = await SendAsync(path, Golden("Enumerate.xml", ("ResourceURI", resourceUri), ("MaxElements", maxElements.ToString()), ("Filter", wql)));
        replies.Add(reply.AssertOk());
        var context = reply.Text("/s:Envelope/s:Body/n:EnumerateResponse/n:EnumerationContext");
        while (context is not null)
        {
            Assert.True(replies.Count < 1000, "the enumeration does not end");
            reply = await SendAsync(path, Golden("Pull.xml", ("ResourceURI", resourceUri), ("Context", context), ("MaxElements", maxElements.ToString())));
            replies.Add(reply.AssertOk());
            context = reply.Text("/s:Envelope/s:Body/n:PullResponse/n:EnumerationContext");
        }

        return replies;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Long, Token);
    }
}
