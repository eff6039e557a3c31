using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Security.Tokens;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.Dashboard.Reports;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security.Tokens;

/// <summary>
/// The real app with its own sign-in schemes (no test authentication), on a loopback port for SignalR, with every log
/// line captured, and a Viewer and an Operator besides the bootstrapped administrator.
/// </summary>
public sealed class TokenAppFixture : IAsyncLifetime
{
    public const string Viewer = "token-viewer";
    public const string Operator = "token-operator";

    private readonly DashboardFactory _root = new(new Dictionary<string, string?>
    {
        // Everything that could see a token at its most talkative. Hosting's request lines stay at the shipped level
        // (Microsoft.AspNetCore: Warning): they print the URL, and a browser's hub connection carries its token there.
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
    }, testAuthentication: false);

    private WebApplicationFactory<Program> _app = null!;

    internal CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _app.Services;

    public ApiTokenService Tokens => Services.GetRequiredService<ApiTokenService>();

    public Uri Address { get; private set; } = null!;

    public FleetSnapshot Snapshot { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(Logs)));
        _app.UseKestrel(0);
        _app.StartServer();
        Address = _app.ClientOptions.BaseAddress;
        Snapshot = await _root.WaitForFirstReadAsync().WaitAsync(TestTimeouts.Long);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        foreach (var (name, role) in new[] { (Viewer, BuiltInRoles.Viewer), (Operator, BuiltInRoles.Operator) })
        {
            var user = new DashboardUser { UserName = name };
            var created = await users.CreateAsync(user, "Token-password-123");
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            db.RoleAssignments.Add(new RoleAssignmentRecord { Id = Guid.NewGuid(), UserId = user.Id, RoleName = role });
        }

        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _root.DisposeAsync();
    }

    /// <summary>A client of the real socket, sending <paramref name="token"/> as a Bearer token when given; no cookies, no redirects followed.</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A fresh store context, to look at (or age) token rows directly.</summary>
    public Task<DashboardDbContext> StoreAsync() =>
        Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    /// <summary>Creates a token for <paramref name="user"/> through the service, as the page does.</summary>
    public async Task<CreatedApiToken> CreateAsync(string user, string name = "script") =>
        await Tokens.CreateAsync(user, name, ApiTokenService.DefaultLifetime, CancellationToken.None).WaitAsync(TestTimeouts.Short);
}
