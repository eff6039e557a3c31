using CheckpointDashboard.Tests.Unit.Dashboard.Reports;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security.Oidc;

/// <summary>
/// The real app with single sign-on switched on against a provider that does not exist (<c>https://idp.example</c>):
/// the handler reads the provider's metadata only at the first challenge, so the app starts without it. Its own
/// sign-in (no test authentication), every log line captured.
/// </summary>
public sealed class OidcAppFixture : IAsyncLifetime
{
    public const string ClientSecret = "client-secret-that-is-never-logged-42";
    public const string Authority = "https://idp.example";

    private readonly DashboardFactory _root = new(new Dictionary<string, string?>
    {
        ["Auth:Oidc:Enabled"] = "true",
        ["Auth:Oidc:DisplayName"] = "Contoso",
        ["Auth:Oidc:Authority"] = Authority,
        ["Auth:Oidc:ClientId"] = "x",
        ["Auth:Oidc:ClientSecret"] = ClientSecret,
        ["Auth:Oidc:GroupRoles:0:Group"] = "ops",
        ["Auth:Oidc:GroupRoles:0:Role"] = "Operator",
        ["Auth:Oidc:GroupRoles:1:Group"] = "prod-viewers",
        ["Auth:Oidc:GroupRoles:1:Role"] = "Viewer",
        ["Auth:Oidc:GroupRoles:1:Clusters:0"] = "PROD",
        ["Auth:Oidc:GroupRoles:2:Group"] = "ghosts",
        ["Auth:Oidc:GroupRoles:2:Role"] = "NoSuchRole",
        ["Auth:Oidc:GroupRoles:3:Group"] = "admins",
        ["Auth:Oidc:GroupRoles:3:Role"] = "Administrator",

        // Many sign-ins from one test client address: the limit is not what these tests are about.
        ["Hardening:SignIn:PermitLimit"] = "1000",
    }, testAuthentication: false);

    private readonly CapturingLoggerProvider _logs = new();

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    /// <summary>Every log line of the app so far.</summary>
    public IReadOnlyList<string> LogLines => _logs.Lines;

    public ValueTask InitializeAsync()
    {
        App = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(_logs)));
        _ = App.Services;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The same app with the provider's metadata given instead of fetched, so a challenge can be followed without a
    /// network; a separate host, to be disposed by the caller.
    /// </summary>
    public WebApplicationFactory<Program> WithStaticProviderMetadata() =>
        App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Configure<OpenIdConnectOptions>("oidc", o => o.Configuration = new OpenIdConnectConfiguration
        {
            Issuer = Authority,
            AuthorizationEndpoint = Authority + "/authorize",
            TokenEndpoint = Authority + "/token",
        })));

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _root.DisposeAsync();
    }
}
