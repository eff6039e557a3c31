using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CheckpointDashboard.Dashboard.Hosting.Hardening;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Options;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hosting.Hardening;

/// <summary>The hardening in the real app: its pages and API answers, its limits and its start-up checks.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed partial class HardeningAppTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public HardeningAppTests() => _timeout.CancelAfter(TestTimeouts.Long);

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Page_CarriesTheSecurityHeaders_AndLoadsNoScriptTheCspWouldBlock()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        // Follows the redirect to the sign-in page when signing in is required: either way an HTML page of the app.
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), _timeout.Token);
        var html = await response.Content.ReadAsStringAsync(_timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
        Assert.Contains("_framework/blazor.web", html, StringComparison.Ordinal);
        Assert.Empty(InlineScript().Matches(html).Select(m => m.Value));
        Assert.Empty(ForeignResource().Matches(html).Select(m => m.Value));
    }

    [Fact]
    public async Task Api_CarriesTheSecurityHeaders()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/hosts", UriKind.Relative), _timeout.Token);

        Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ApiLimit_AfterTheConfiguredRequests_Answers429WithRetryAfterAndASentence()
    {
        await using var factory = new DashboardFactory(new()
        {
            ["Hardening:Api:PermitLimit"] = "3",
            ["Hardening:Api:Window"] = "01:00:00",
        });
        using var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var counted = await client.GetAsync(new Uri("/api/v1/hosts", UriKind.Relative), _timeout.Token);
            Assert.NotEqual((HttpStatusCode)429, counted.StatusCode);
        }

        using var refused = await client.GetAsync(new Uri("/api/v1/hosts", UriKind.Relative), _timeout.Token);
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), _timeout.Token);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.StartsWith("Too many API requests: at most 3 per 01:00:00", await ErrorAsync(refused), StringComparison.Ordinal);
        AssertSecurityHeaders(refused);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Body_OverTheLimit_Answers413WithASentence()
    {
        await using var factory = new DashboardFactory(new() { ["Hardening:MaxRequestBodyBytes"] = "2048" });
        using var client = factory.CreateClient();
        using var content = new StringContent("{\"name\":\"" + new string('x', 4096) + "\"}", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri($"/api/v1/vms/{Guid.NewGuid()}/checkpoints", UriKind.Relative), content, _timeout.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the 2,048 bytes", await ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadHardeningValue_FailsNamingTheKey()
    {
        await using var factory = new DashboardFactory(new() { ["Hardening:Api:PermitLimit"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(Failures(error), f => f.StartsWith("Hardening:Api:PermitLimit", StringComparison.Ordinal));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
            Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=()", Header(response, "Permissions-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(" | ", values) : null;

    private async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_timeout.Token));
        return json.RootElement.GetProperty("error").GetString()!;
    }

    private static IEnumerable<string> Failures(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is OptionsValidationException validation)
            {
                return validation.Failures;
            }

            if (error is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.SelectMany(Failures);
            }
        }

        return [];
    }

    // A <script> without src (inline code, or an import map) is what script-src 'self' blocks.
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    // Anything loaded from another origin (fonts, CDNs) would need its own CSP source.
    [GeneratedRegex("<(?:script|link|img)[^>]+(?:src|href)=\"(?:https?:)?//[^\"]*\"", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignResource();
}
