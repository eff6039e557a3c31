using System.Net;
using System.Security.Claims;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Security.Oidc;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security.Oidc;

/// <summary>
/// The end of a single sign-on on the real app and store, from the provider's claims on: no provider is involved (the
/// claims are made here, as the OpenID Connect handler would leave them in the external cookie).
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class OidcSignInTests(OidcAppFixture fixture) : IClassFixture<OidcAppFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private IServiceProvider Services => fixture.App.Services;

    [Fact]
    public async Task CompleteAsync_FirstSignIn_CreatesALinkedManagedUserWithMappedRoles_AndSignsIn()
    {
        var (result, context) = await CompleteAsync(Claims("sub-jane", "jane@contoso.example", "ops", "prod-viewers", "finance"));

        Assert.True(result.Succeeded);
        Assert.Equal("jane@contoso.example", result.UserName);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.FindByLoginAsync(OidcOptions.Scheme, "sub-jane").WaitAsync(TestTimeouts.Long, Token);
        Assert.NotNull(user);
        Assert.Equal("jane@contoso.example", user.UserName);
        Assert.False(await users.HasPasswordAsync(user).WaitAsync(TestTimeouts.Long, Token));
        Assert.Contains(await users.GetClaimsAsync(user).WaitAsync(TestTimeouts.Long, Token), c => c.Type == OidcSignIn.ManagedClaim);
        Assert.Equal(["Operator", "Viewer clusters=PROD"], await AssignmentsAsync(user.Id));

        var access = Services.GetRequiredService<IUserAccess>();
        Assert.True(await access.AllowsAsync("jane@contoso.example", Right.CreateCheckpoint, "TEST", "HV01", Token).WaitAsync(TestTimeouts.Long, Token));
        Assert.False(await access.HasAnywhereAsync("jane@contoso.example", Right.DeleteCheckpoint, Token).WaitAsync(TestTimeouts.Long, Token));
        Assert.Contains(context.Response.Headers.SetCookie, c => c!.StartsWith("cpd.auth=", StringComparison.Ordinal));

        var audit = await AuditAsync("jane@contoso.example");
        var signIn = Assert.Single(audit, e => e.Action == "SignIn");
        Assert.Equal(("Completed", OidcSignIn.AuditDetail, "roles=Operator; Viewer(clusters=PROD)"), (signIn.Outcome, signIn.Detail, signIn.Parameters));
        Assert.Contains(await AuditAsync("system"), e => e.Action == "CreateUser" && e.Target == "jane@contoso.example" && e.Parameters == "source=oidc");
    }

    [Fact]
    public async Task CompleteAsync_SecondSignInWithOtherGroups_ReplacesTheAssignments_AndRightsFollowAtOnce()
    {
        var access = Services.GetRequiredService<IUserAccess>();
        Assert.True((await CompleteAsync(Claims("sub-omar", "omar", "ops"))).Result.Succeeded);

        // Read once, so the cached grants would be stale if the second sign-in did not drop them.
        Assert.True(await access.HasAnywhereAsync("omar", Right.CreateCheckpoint, Token).WaitAsync(TestTimeouts.Long, Token));
        var (second, _) = await CompleteAsync(Claims("sub-omar", "omar", "prod-viewers"));

        Assert.True(second.Succeeded);
        var user = await FindByLoginAsync("sub-omar");
        Assert.Equal(["Viewer clusters=PROD"], await AssignmentsAsync(user!.Id));
        Assert.False(await access.HasAnywhereAsync("omar", Right.CreateCheckpoint, Token).WaitAsync(TestTimeouts.Long, Token));
        Assert.True(await access.AllowsAsync("omar", Right.View, "PROD", "any", Token).WaitAsync(TestTimeouts.Long, Token));
        Assert.False(await access.AllowsAsync("omar", Right.View, "TEST", "any", Token).WaitAsync(TestTimeouts.Long, Token));
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Token);
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == "omar", Token));
    }

    [Fact]
    public async Task CompleteAsync_NoMappedGroup_IsRefused_CreatesNoUser_AndIsAuditedDenied()
    {
        var (result, context) = await CompleteAsync(Claims("sub-nina", "nina", "finance"));

        Assert.Equal(OidcRefusal.NoRole, result.Refusal);
        Assert.Null(await FindByLoginAsync("sub-nina"));
        Assert.DoesNotContain(context.Response.Headers.SetCookie, c => c!.StartsWith("cpd.auth=", StringComparison.Ordinal));
        var signIn = Assert.Single(await AuditAsync("nina"));
        Assert.Equal(("SignIn", "Denied", OidcSignIn.AuditDetail), (signIn.Action, signIn.Outcome, signIn.Detail));
    }

    [Fact]
    public async Task CompleteAsync_GroupMappedToAMissingRole_IsRefused_AndTheMappingIsLogged()
    {
        var (result, _) = await CompleteAsync(Claims("sub-gus", "gus", "ghosts"));

        Assert.Equal(OidcRefusal.NoRole, result.Refusal);
        Assert.Contains(fixture.LogLines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("NoSuchRole", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteAsync_ManagedUserLeavesEveryMappedGroup_LosesTheirRoles_AndIsRefused()
    {
        Assert.True((await CompleteAsync(Claims("sub-lea", "lea", "admins"))).Result.Succeeded);
        var access = Services.GetRequiredService<IUserAccess>();
        Assert.True(await access.HasAnywhereAsync("lea", Right.ManageUsers, Token).WaitAsync(TestTimeouts.Long, Token));

        var (result, _) = await CompleteAsync(Claims("sub-lea", "lea"));

        Assert.Equal(OidcRefusal.NoRole, result.Refusal);
        Assert.Empty(await AssignmentsAsync((await FindByLoginAsync("sub-lea"))!.Id));
        Assert.False(await access.HasAnywhereAsync("lea", Right.View, Token).WaitAsync(TestTimeouts.Long, Token));
    }

    [Fact]
    public async Task CompleteAsync_LocalAccountWithAPasswordHasTheName_IsNotTakenOver()
    {
        // The bootstrapped administrator: a local account with a password.
        var (result, _) = await CompleteAsync(Claims("sub-intruder", TestAuthentication.DefaultUser, "ops"));

        Assert.Equal(OidcRefusal.LocalAccountExists, result.Refusal);
        Assert.Null(await FindByLoginAsync("sub-intruder"));
        Assert.True(await Services.GetRequiredService<IUserAccess>()
            .HasAnywhereAsync(TestAuthentication.DefaultUser, Right.ManageUsers, Token).WaitAsync(TestTimeouts.Long, Token));
        Assert.Contains(await AuditAsync(TestAuthentication.DefaultUser), e => e.Action == "SignIn" && e.Outcome == "Denied" && e.Detail == OidcSignIn.AuditDetail);
    }

    [Fact]
    public async Task CompleteAsync_PasswordlessAccountMadeBeforehand_IsAdopted()
    {
        string id;
        await using (var scope = Services.CreateAsyncScope())
        {
            var user = new DashboardUser { UserName = "pre.made" };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().CreateAsync(user).WaitAsync(TestTimeouts.Long, Token)).Succeeded);
            id = user.Id;
        }

        var (result, _) = await CompleteAsync(Claims("sub-pre", "pre.made", "ops"));

        Assert.True(result.Succeeded);
        Assert.Equal(id, (await FindByLoginAsync("sub-pre"))!.Id);
    }

    [Fact]
    public async Task CompleteAsync_NoUserNameClaim_FallsBackToUpn()
    {
        var (result, _) = await CompleteAsync([new("sub", "sub-upn"), new("upn", "ursula@contoso.example"), new("name", "Ursula U"), new("groups", "ops")]);

        Assert.True(result.Succeeded);
        Assert.Equal("ursula@contoso.example", result.UserName);
    }

    [Fact]
    public async Task CompleteAsync_NoSubject_FailsAndIsAudited()
    {
        var (result, _) = await CompleteAsync([new("preferred_username", "nosub"), new("groups", "ops")]);

        Assert.Equal(OidcRefusal.Failed, result.Refusal);
        Assert.Contains(await AuditAsync("nosub"), e => e.Action == "SignIn" && e.Outcome == "Failed");
    }

    [Fact]
    public async Task DoneEndpoint_WithTheExternalCookie_SignsInAndReturnsToTheAskedPage()
    {
        var external = await ExternalCookieAsync(Claims("sub-eve", "eve", "ops"));
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/signin/oidc/done?returnUrl=%2Fvms%3Fx%3D1", UriKind.Relative));
        request.Headers.Add("Cookie", external);

        var done = await client.SendAsync(request, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/vms?x=1", done.Headers.Location?.OriginalString);
        Assert.Contains(done.Headers.GetValues("Set-Cookie"), c => c.StartsWith(IdentityConstants.ExternalScheme + "=;", StringComparison.Ordinal));
        var api = await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task DoneEndpoint_ForeignReturnUrl_GoesHomeInstead()
    {
        var external = await ExternalCookieAsync(Claims("sub-fred", "fred", "ops"));
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/signin/oidc/done?returnUrl=https%3A%2F%2Fevil.example%2F", UriKind.Relative));
        request.Headers.Add("Cookie", external);

        var done = await client.SendAsync(request, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal("/", done.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DoneEndpoint_NoMappedGroup_ShowsTheAskAnAdministratorPage()
    {
        var external = await ExternalCookieAsync(Claims("sub-rita", "rita", "finance"));
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/signin/oidc/done", UriKind.Relative));
        request.Headers.Add("Cookie", external);

        var done = await client.SendAsync(request, Token).WaitAsync(TestTimeouts.Long, Token);
        var page = await client.GetStringAsync(done.Headers.Location, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal("/account/signin/oidc/refused?reason=NoRole", done.Headers.Location?.OriginalString);
        Assert.Contains("Your account has no role in CheckpointDashboard; ask an administrator to map one of your groups", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token)).StatusCode);
    }

    [Fact]
    public async Task DoneEndpoint_WithoutAProviderAnswer_ShowsTheFailurePage()
    {
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var done = await client.GetAsync(new Uri("/account/signin/oidc/done", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        var page = await client.GetStringAsync(done.Headers.Location, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal("/account/signin/oidc/refused?reason=Failed", done.Headers.Location?.OriginalString);
        Assert.Contains("Single sign-on did not complete", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_OidcEnabled_ShowsTheSingleSignOnLinkWithTheReturnUrl()
    {
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetStringAsync(new Uri("/account/signin?returnUrl=%2Fjobs", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Contains("Sign in with Contoso", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/signin/oidc?returnUrl=%2Fjobs\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_OidcDisabled_ShowsNoSingleSignOnLink_AndTheEndpointsDoNotExist()
    {
        await using var app = new DashboardFactory(testAuthentication: false);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        var challenge = await client.GetAsync(new Uri("/account/signin/oidc", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Contains("<h2>Sign in</h2>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with", page, StringComparison.Ordinal);

        // No endpoint: the fallback policy sends an anonymous browser to the sign-in page, not to a provider.
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/account/signin?", new Uri(new Uri("http://localhost"), challenge.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChallengeEndpoint_RedirectsToTheProvider_WithCodeFlowAndPkce_AndNeverTheSecret()
    {
        await using var app = fixture.WithStaticProviderMetadata();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var challenge = await client.GetAsync(new Uri("/account/signin/oidc?returnUrl=%2Fjobs", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.OriginalString;
        Assert.StartsWith(OidcAppFixture.Authority + "/authorize?", location, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal("x", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("openid profile email", query["scope"]);
        Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"]);
        Assert.DoesNotContain(OidcAppFixture.ClientSecret, location, StringComparison.Ordinal);
        Assert.All(fixture.LogLines, l => Assert.DoesNotContain(OidcAppFixture.ClientSecret, l, StringComparison.Ordinal));
    }

    private static Claim[] Claims(string subject, string userName, params string[] groups) =>
        [new("sub", subject), new("preferred_username", userName), .. groups.Select(g => new Claim("groups", g))];

    /// <summary>Runs the callback's service in a request scope of its own, as the done endpoint would.</summary>
    private async Task<(OidcSignInResult Result, HttpContext Context)> CompleteAsync(Claim[] claims)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        scope.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>().Context = context;
        var external = new ClaimsPrincipal(new ClaimsIdentity(claims, OidcOptions.Scheme));
        var result = await scope.ServiceProvider.GetRequiredService<OidcSignIn>().CompleteAsync(external, Token).WaitAsync(TestTimeouts.Long, Token);
        return (result, context);
    }

    /// <summary>Identity's external cookie as the handler leaves it after checking the provider's answer: "name=value".</summary>
    private async Task<string> ExternalCookieAsync(Claim[] claims)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        await context.SignInAsync(IdentityConstants.ExternalScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, OidcOptions.Scheme))).WaitAsync(TestTimeouts.Long, Token);
        var setCookie = Assert.Single(context.Response.Headers.SetCookie);
        return setCookie![..setCookie!.IndexOf(';', StringComparison.Ordinal)];
    }

    private async Task<DashboardUser?> FindByLoginAsync(string subject)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByLoginAsync(OidcOptions.Scheme, subject).WaitAsync(TestTimeouts.Long, Token);
    }

    private async Task<List<string>> AssignmentsAsync(string userId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Token);
        var rows = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == userId).ToListAsync(Token).WaitAsync(TestTimeouts.Long, Token);
        return [.. rows.Select(a => $"{a.RoleName}{(a.Clusters.Length > 0 ? " clusters=" + a.Clusters : string.Empty)}{(a.Hosts.Length > 0 ? " hosts=" + a.Hosts : string.Empty)}").Order(StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string user) =>
        await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { User = user, Limit = 50 }, Token).WaitAsync(TestTimeouts.Long, Token);
}
