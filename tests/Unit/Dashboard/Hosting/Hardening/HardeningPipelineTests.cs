using System.Net;
using System.Text;
using System.Text.Json;
using CheckpointDashboard.Dashboard.Hosting.Hardening;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.TestHost;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hosting.Hardening;

/// <summary>
/// The hardening middleware in a small app on the in-memory test server, which reports no bound addresses: the
/// configured <c>urls</c> decide whether it counts as exposed, as they would for Kestrel before it starts.
/// </summary>
public sealed class HardeningPipelineTests : IDisposable
{
    private const string Exposed = "http://0.0.0.0:8080;https://0.0.0.0:8443";

    // Every call in these tests ends within the long test timeout, or the test fails rather than hangs.
    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public HardeningPipelineTests() => _timeout.CancelAfter(TestTimeouts.Long);

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Http_BeyondLoopback_RedirectsToTheHttpsPort()
    {
        await using var app = await StartAsync(new() { ["urls"] = Exposed });
        using var client = Client(app, "http://dashboard.corp.example");

        using var response = await client.GetAsync(new Uri("/vms?host=HV01", UriKind.Relative), _timeout.Token);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://dashboard.corp.example:8443/vms?host=HV01"), response.Headers.Location);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Https_BeyondLoopback_SendsHstsWithTheConfiguredMaxAge()
    {
        await using var app = await StartAsync(new() { ["urls"] = Exposed, ["Hardening:HstsMaxAge"] = "30.00:00:00" });
        using var client = Client(app, "https://dashboard.corp.example:8443");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=2592000", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Loopback_NeitherRedirectsNorSendsHsts()
    {
        await using var app = await StartAsync(new() { ["urls"] = "http://127.0.0.1:5080;https://127.0.0.1:5443" });
        using var http = Client(app, "http://dashboard.corp.example");
        using var https = Client(app, "https://dashboard.corp.example:5443");

        using var plain = await http.GetAsync(new Uri("/", UriKind.Relative), _timeout.Token);
        using var secure = await https.GetAsync(new Uri("/", UriKind.Relative), _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(secure.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task BehindProxy_DoesNotRedirect_AndTakesTheSchemeFromTheProxy()
    {
        await using var app = await StartAsync(new() { ["urls"] = Exposed, ["Hardening:BehindProxy"] = "true" });
        using var client = Client(app, "http://dashboard.corp.example");

        using var plain = await client.GetAsync(new Uri("/scheme", UriKind.Relative), _timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/scheme", UriKind.Relative));
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var forwarded = await client.SendAsync(request, _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("http", await plain.Content.ReadAsStringAsync(_timeout.Token));
        Assert.Equal("https", await forwarded.Content.ReadAsStringAsync(_timeout.Token));
        Assert.Equal("max-age=31536000", Header(forwarded, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task SignInPolicy_CountsOnlyPosts_ThenAnswers429WithRetryAfter()
    {
        await using var app = await StartAsync(new() { ["Hardening:SignIn:PermitLimit"] = "2", ["Hardening:SignIn:Window"] = "00:10:00" });
        using var client = Client(app, "http://127.0.0.1");

        for (var i = 0; i < 5; i++)
        {
            using var page = await client.GetAsync(new Uri("/signin", UriKind.Relative), _timeout.Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.PostAsync(new Uri("/signin", UriKind.Relative), new StringContent("user=a"), _timeout.Token);
            statuses.Add(last.StatusCode);
        }

        using var refused = last!;
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync(_timeout.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiLimit_AfterTheConfiguredRequests_Answers429WithRetryAfterAndASentence()
    {
        await using var app = await StartAsync(new() { ["Hardening:Api:PermitLimit"] = "3", ["Hardening:Api:Window"] = "01:00:00" });
        using var client = Client(app, "http://127.0.0.1");

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync(new Uri("/api/v1/things", UriKind.Relative), _timeout.Token);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.GetAsync(new Uri("/api/v1/things", UriKind.Relative), _timeout.Token);
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative), _timeout.Token);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.Contains("Too many API requests", await ErrorAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Body_OverTheLimit_Answers413WithASentence_SelectionApisAllowMore()
    {
        await using var app = await StartAsync(new()
        {
            ["Hardening:MaxRequestBodyBytes"] = "2048",
            ["Hardening:MaxBulkRequestBodyBytes"] = "65536",
        });
        using var client = Client(app, "http://127.0.0.1");
        var body = "{\"vmIds\":[\"" + new string('a', 4000) + "\"]}";

        using var tooLarge = await client.PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), Json(body), _timeout.Token);
        using var bulk = await client.PostAsync(new Uri("/api/v1/bulk/checkpoint-settings", UriKind.Relative), Json(body), _timeout.Token);
        using var small = await client.PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), Json("{}"), _timeout.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("2,048 bytes", await ErrorAsync(tooLarge), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await bulk.Content.ReadAsStringAsync(_timeout.Token));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    private async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddHardening(builder.Configuration);
        var app = builder.Build();
        app.UseHardening();
        app.UseHardeningRateLimits();
        app.MapGet("/", () => "home");
        app.MapGet("/scheme", (HttpContext context) => context.Request.Scheme);
        app.MapGet("/signin", () => "the form").RequireRateLimiting(HardeningPolicies.SignIn);
        app.MapPost("/signin", () => "signed in").RequireRateLimiting(HardeningPolicies.SignIn);
        app.MapGet("/api/v1/things", () => "things");
        app.MapPost("/api/v1/{**rest}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return (await reader.ReadToEndAsync(request.HttpContext.RequestAborted)).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        await app.StartAsync(_timeout.Token);
        return app;
    }

    private static HttpClient Client(WebApplication app, string baseAddress)
    {
        var client = app.GetTestClient();
        client.BaseAddress = new Uri(baseAddress);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_timeout.Token));
        return json.RootElement.GetProperty("error").GetString()!;
    }
}
