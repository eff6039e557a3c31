using System.Net;
using System.Text.RegularExpressions;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Tests.Unit.Dashboard.Reports;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security;

/// <summary>
/// The real sign-in (Identity, the cookie, the form with its antiforgery token) on the real app: the first administrator
/// with a generated one-time password, the forced change, lockout, the audit trail, and no password in any log line.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed partial class SignInTests : IAsyncLifetime
{
    private readonly StringWriter _console = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly DashboardFactory _root = new(new Dictionary<string, string?>
    {
        ["Auth:BootstrapAdmin:UserName"] = null,
        ["Auth:BootstrapAdmin:Password"] = null,
        ["Auth:MaxFailedAttempts"] = "3",
    }, testAuthentication: false);

    private WebApplicationFactory<Program> _app = null!;
    private TextWriter _originalConsole = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _originalConsole = BootstrapAdmin.Console;
        BootstrapAdmin.Console = _console;
        _app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(_logs)));
        _ = _app.Services;
        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        BootstrapAdmin.Console = _originalConsole;
        await _app.DisposeAsync();
        await _root.DisposeAsync();
    }

    [Fact]
    public async Task GeneratedAdmin_SignsIn_MustChangePassword_ThenReachesEverything_AndNoPasswordIsLogged()
    {
        var password = OneTimePassword().Match(_console.ToString()).Groups[1].Value;
        Assert.NotEmpty(password);
        using var client = NewClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token)).StatusCode);
        var signedIn = await SignInAsync(client, "admin", password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        // A one-time password opens nothing but the change form.
        var page = await client.GetAsync(new Uri("/vms", UriKind.Relative), Token);
        Assert.Equal("/account/password", page.Headers.Location?.OriginalString);
        var api = await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("Change your one-time password first", await api.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        const string NewPassword = "My-own-password-2026";
        var changed = await PostFormAsync(client, "/account/password", "password", new()
        {
            ["Input.Current"] = password,
            ["Input.New"] = NewPassword,
            ["Input.Confirm"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token)).StatusCode);

        Assert.All(_logs.Lines, line =>
        {
            Assert.DoesNotContain(password, line, StringComparison.Ordinal);
            Assert.DoesNotContain(NewPassword, line, StringComparison.Ordinal);
        });
        var audit = await _app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Limit = 50 }, Token);
        Assert.Contains(audit, e => e.Action == "SignIn" && e.User == "admin" && e.Outcome == "Completed");
        Assert.Contains(audit, e => e.Action == "ChangePassword" && e.User == "admin");
        Assert.All(audit, e => Assert.DoesNotContain(password, $"{e.Parameters} {e.Detail} {e.Target}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongPasswords_LockTheAccount_EvenAgainstTheRightOne_AndAreAudited()
    {
        var password = OneTimePassword().Match(_console.ToString()).Groups[1].Value;
        using var client = NewClient();

        for (var i = 0; i < 3; i++)
        {
            var wrong = await SignInAsync(client, "admin", "not-the-password-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains(i < 2 ? "Wrong user name or password." : "locked", await wrong.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        var right = await SignInAsync(client, "admin", password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("This account is locked", await right.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token)).StatusCode);
        var audit = await _app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Limit = 50 }, Token);
        Assert.Equal(2, audit.Count(e => e.Action == "SignIn" && e.Outcome == "Failed"));
        Assert.True(audit.Count(e => e.Action == "SignIn" && e.Outcome == "Denied") >= 2);
    }

    [Fact]
    public async Task UnknownUser_GetsTheSameSentenceAsAWrongPassword()
    {
        using var client = NewClient();

        var response = await SignInAsync(client, "nobody-here", "whatever-it-is-123");

        Assert.Contains("Wrong user name or password.", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/vms?x=1", "/vms?x=1")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData(null, "/")]
    public void SafeReturnUrl_OnlyPathsOnThisSite(string? asked, string expected) =>
        Assert.Equal(expected, CheckpointDashboard.Dashboard.Components.Account.SignIn.SafeReturnUrl(asked));

    private HttpClient NewClient() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password) =>
        PostFormAsync(client, "/account/signin", "signin", new() { ["Input.UserName"] = user, ["Input.Password"] = password });

    /// <summary>Posts a server-rendered form as a browser would: its antiforgery token read from the page first.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        using var content = new FormUrlEncodedContent(fields);
        var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, Token).WaitAsync(TestTimeouts.Long, Token);
        await response.Content.LoadIntoBufferAsync(Token);
        return response;
    }

    [GeneratedRegex("one-time password (\\S+)")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
