using System.Net;
using System.Text;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security;

/// <summary>
/// Every API endpoint and hub method of the real app, for anonymous, Viewer, Operator, Administrator and an
/// Administrator scoped to one cluster, with the exact answer each must get: 401 without a user, 403 without the right,
/// and for a user with the right an answer past authorization (2xx for reads; for writes, sent with ids that do not
/// exist so nothing changes, the endpoint's own 400/404). An endpoint added without a row here fails
/// <see cref="EveryEndpoint_IsClassified"/> until someone decides who may use it.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class AuthorizationMatrixTests : IClassFixture<AuthorizationMatrixTests.App>
{
    private static readonly string Missing = Guid.NewGuid().ToString();

    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private readonly App _app;

    public AuthorizationMatrixTests(App app)
    {
        _app = app;
    }

    /// <summary>Who each test user is: role, and the cluster a scoped role is limited to.</summary>
    public static readonly IReadOnlyList<(string User, string? Role, string? Cluster)> Users =
    [
        ("-", null, null),
        ("viewer", BuiltInRoles.Viewer, null),
        ("operator", BuiltInRoles.Operator, null),
        (TestAuthentication.DefaultUser, BuiltInRoles.Administrator, null),
        ("scoped-admin", BuiltInRoles.Administrator, "PROD"),
        ("nobody", null, null),
    ];

    /// <summary>Method, route pattern, the path to call (ids that do not exist), a JSON body, and the right it needs.</summary>
    public static readonly IReadOnlyList<(string Method, string Pattern, string Path, string? Body, Right Right)> Endpoints =
    [
        ("GET", "/api/v1/vms", "/api/v1/vms", null, Right.View),
        ("GET", "/api/v1/vms/{vmId:guid}", $"/api/v1/vms/{Missing}", null, Right.View),
        ("GET", "/api/v1/checkpoints", "/api/v1/checkpoints", null, Right.View),
        ("GET", "/api/v1/hosts", "/api/v1/hosts", null, Right.View),
        ("GET", "/api/v1/clusters", "/api/v1/clusters", null, Right.View),
        ("POST", "/api/v1/refresh", "/api/v1/refresh?name=NO-SUCH-HOST", null, Right.View),
        ("POST", "/api/v1/vms/{vmId:guid}/checkpoints", $"/api/v1/vms/{Missing}/checkpoints", "{}", Right.CreateCheckpoint),
        ("POST", "/api/v1/vms/{vmId:guid}/revert", $"/api/v1/vms/{Missing}/revert", "{}", Right.ApplyCheckpoint),
        ("PUT", "/api/v1/vms/{vmId:guid}/checkpoint-settings", $"/api/v1/vms/{Missing}/checkpoint-settings", """{"checkpointType":"Production"}""", Right.ChangeSettings),
        ("DELETE", "/api/v1/checkpoints/{checkpointId:guid}", $"/api/v1/checkpoints/{Missing}", null, Right.DeleteCheckpoint),
        ("POST", "/api/v1/checkpoints/{checkpointId:guid}/apply", $"/api/v1/checkpoints/{Missing}/apply", "{}", Right.ApplyCheckpoint),
        ("POST", "/api/v1/checkpoints/{checkpointId:guid}/rename", $"/api/v1/checkpoints/{Missing}/rename", """{"name":"x"}""", Right.CreateCheckpoint),
        ("POST", "/api/v1/checkpoints/{checkpointId:guid}/export", $"/api/v1/checkpoints/{Missing}/export", """{"path":"D:\\x"}""", Right.CreateCheckpoint),
        ("GET", "/api/v1/jobs", "/api/v1/jobs", null, Right.View),
        ("GET", "/api/v1/jobs/{id:guid}", $"/api/v1/jobs/{Missing}", null, Right.View),
        ("POST", "/api/v1/jobs/{id:guid}/cancel", $"/api/v1/jobs/{Missing}/cancel", null, Right.CreateCheckpoint),
        ("GET", "/api/v1/audit", "/api/v1/audit", null, Right.View),
        ("GET", "/api/v1/audit.csv", "/api/v1/audit.csv", null, Right.View),
        ("POST", "/api/v1/bulk/checkpoint-settings", "/api/v1/bulk/checkpoint-settings", """{"vmIds":["%MISSING%"],"checkpointType":"Production","dryRun":true}""", Right.ChangeSettings),
        ("GET", "/api/v1/bulk", "/api/v1/bulk", null, Right.View),
        ("GET", "/api/v1/bulk/{id:guid}", $"/api/v1/bulk/{Missing}", null, Right.View),
        ("GET", "/api/v1/bulk/{id:guid}/items", $"/api/v1/bulk/{Missing}/items", null, Right.View),
        ("GET", "/api/v1/bulk/{id:guid}/items.csv", $"/api/v1/bulk/{Missing}/items.csv", null, Right.View),
        ("POST", "/api/v1/bulk/{id:guid}/cancel", $"/api/v1/bulk/{Missing}/cancel", null, Right.ChangeSettings),
        ("POST", "/api/v1/bulk/{id:guid}/retry-failed", $"/api/v1/bulk/{Missing}/retry-failed", null, Right.ChangeSettings),
        ("GET", "/api/v1/policies", "/api/v1/policies", null, Right.View),
        ("GET", "/api/v1/policies/suggestions", "/api/v1/policies/suggestions", null, Right.View),
        ("GET", "/api/v1/policies/compliance", "/api/v1/policies/compliance", null, Right.View),
        ("GET", "/api/v1/policies/compliance.csv", "/api/v1/policies/compliance.csv", null, Right.View),
        ("GET", "/api/v1/policies/{id:guid}", $"/api/v1/policies/{Missing}", null, Right.View),
        ("POST", "/api/v1/policies", "/api/v1/policies", """{"name":""}""", Right.ManagePolicies),
        ("PUT", "/api/v1/policies/{id:guid}", $"/api/v1/policies/{Missing}", """{"name":""}""", Right.ManagePolicies),
        ("DELETE", "/api/v1/policies/{id:guid}", $"/api/v1/policies/{Missing}", null, Right.ManagePolicies),
        ("GET", "/api/v1/reports/checkpoints", "/api/v1/reports/checkpoints?rows=false", null, Right.View),
        ("GET", "/api/v1/reports/checkpoints.csv", "/api/v1/reports/checkpoints.csv", null, Right.View),
        ("GET", "/api/v1/reports/checkpoints.xlsx", "/api/v1/reports/checkpoints.xlsx?cluster=NONE", null, Right.View),
        ("GET", "/api/v1/reports/rules", "/api/v1/reports/rules", null, Right.View),
        ("PUT", "/api/v1/reports/rules", "/api/v1/reports/rules", """{"topOffenders":0}""", Right.ManagePolicies),
        ("GET", "/api/v1/reports/history", "/api/v1/reports/history?days=0", null, Right.View),
        ("POST", "/api/v1/reports/digest", "/api/v1/reports/digest?unknown=1", null, Right.ManageHosts),
        ("GET", "/api/v1/credentials", "/api/v1/credentials", null, Right.ManageHosts),
        ("GET", "/api/v1/credentials/{name}", "/api/v1/credentials/no-such-credential", null, Right.ManageHosts),
        ("PUT", "/api/v1/credentials/{name}", "/api/v1/credentials/bad%20name", """{"userName":"x","password":"y"}""", Right.ManageHosts),
        ("DELETE", "/api/v1/credentials/{name}", "/api/v1/credentials/no-such-credential", null, Right.ManageHosts),
    ];

    /// <summary>Hub methods (all need View), with the arguments to call them with.</summary>
    public static readonly IReadOnlyList<(string Method, object[] Arguments)> HubMethods =
    [
        ("SubscribeAll", []), ("UnsubscribeAll", []), ("SubscribeVm", [Guid.NewGuid()]), ("UnsubscribeVm", [Guid.NewGuid()]),
        ("SubscribeJob", [Guid.NewGuid()]), ("UnsubscribeJob", [Guid.NewGuid()]), ("SubscribeBulk", [Guid.NewGuid()]),
        ("UnsubscribeBulk", [Guid.NewGuid()]), ("SubscribeAllBulk", []), ("UnsubscribeAllBulk", []), ("GetActiveJobs", []),
        ("GetJob", [Guid.NewGuid()]), ("GetBulk", [Guid.NewGuid()]),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (method, pattern, _, _, _) in Endpoints)
        {
            foreach (var (user, _, _) in Users)
            {
                data.Add(method, pattern, user);
            }
        }

        return data;
    }

    [Fact]
    public void EveryEndpoint_IsClassified()
    {
        var routes = _app.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api", StringComparison.Ordinal) || raw.StartsWith("api", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .ToHashSet();
        var classified = Endpoints.Select(e => $"{e.Method} {e.Pattern}").ToHashSet();

        Assert.Empty(routes.Except(classified).Order());
        Assert.Empty(classified.Except(routes).Order());
    }

    [Fact]
    public void EveryHubMethod_IsClassified()
    {
        var methods = typeof(CheckpointDashboard.Dashboard.Hubs.JobsHub).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync" or "Dispose"))
            .Select(m => m.GetCustomAttributes(typeof(Microsoft.AspNetCore.SignalR.HubMethodNameAttribute), false).OfType<Microsoft.AspNetCore.SignalR.HubMethodNameAttribute>().FirstOrDefault()?.Name ?? m.Name)
            .ToHashSet();

        Assert.Equal(HubMethods.Select(m => m.Method).Order(), methods.Order());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_AnswersEachUserAsTheirRightsSay(string method, string pattern, string user)
    {
        var (_, _, path, body, right) = Endpoints.Single(e => e.Method == method && e.Pattern == pattern);
        var (_, role, cluster) = Users.Single(u => u.User == user);
        await _app.ReadyAsync();

        var response = await _app.SendAsync(method, path, body, user);

        var status = (int)response.StatusCode;
        if (role is null && user == "-")
        {
            Assert.Equal(401, status);
        }
        else if (!Holds(role, cluster, right))
        {
            Assert.True(status == 403, $"{user} ({role ?? "no role"}) on {method} {path}: expected 403, got {status}");
        }
        else if (method == "GET" && !path.Contains(Missing, StringComparison.Ordinal) && !path.Contains("no-such", StringComparison.Ordinal) &&
                 !path.Contains("days=0", StringComparison.Ordinal))
        {
            Assert.True(response.IsSuccessStatusCode, $"{user} on {method} {path}: expected 2xx, got {status}: {await response.Content.ReadAsStringAsync(Token)}");
        }
        else
        {
            Assert.True(status is not (401 or 403), $"{user} on {method} {path}: authorized, but got {status}: {await response.Content.ReadAsStringAsync(Token)}");
        }
    }

    [Fact]
    public async Task ScopedAdministrator_IsRefusedOnVmsOutsideItsCluster_ByTheServices()
    {
        var snapshot = await _app.ReadyAsync();
        var outside = snapshot.Vms.First(v => v.Cluster != "PROD" && v.StaleSince is null && v.Checkpoints.Length > 0);

        var create = await _app.SendAsync("POST", $"/api/v1/vms/{outside.Id}/checkpoints", """{"name":"not allowed"}""", "scoped-admin");
        var delete = await _app.SendAsync("DELETE", $"/api/v1/checkpoints/{outside.Checkpoints[0].Id}", null, "scoped-admin");
        var policy = await _app.SendAsync("POST", "/api/v1/policies", """{"name":"p","scope":{},"target":{"checkpointType":"Production"}}""", "scoped-admin");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains("needs the CreateCheckpoint right", await create.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, policy.StatusCode);
        Assert.DoesNotContain(_app.Factory.Services.GetRequiredService<CheckpointDashboard.Shared.Jobs.IJobService>().Active, j => j.VmId == outside.Id);
    }

    [Fact]
    public async Task ScopedAdministrator_BulkSkipsVmsOutsideItsCluster_AsNotPermitted()
    {
        var snapshot = await _app.ReadyAsync();
        var ids = snapshot.Vms.Where(v => v.StaleSince is null).Select(v => v.Id).Take(400).ToList();
        var body = $$"""{"vmIds":[{{string.Join(",", ids.Select(i => $"\"{i}\""))}}],"checkpointType":"Disabled","dryRun":true}""";

        var response = await _app.SendAsync("POST", "/api/v1/bulk/checkpoint-settings", body, "scoped-admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items.Where(i => i.GetProperty("willChange").GetBoolean()), i => Assert.Equal("PROD", i.GetProperty("cluster").GetString()));
        Assert.Contains(items, i => i.GetProperty("skip").GetString() == "NotPermitted");
    }

    [Fact]
    public async Task Hub_AnonymousAndRolelessAreRefused_ViewerMayCallEveryMethod()
    {
        var address = await _app.LoopbackAsync();

        var anonymous = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(address, "-"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var nobody = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(address, "nobody"));
        Assert.Equal(HttpStatusCode.Forbidden, nobody.StatusCode);

        await using var viewer = await ConnectAsync(address, "viewer");
        foreach (var (method, arguments) in HubMethods)
        {
            await viewer.InvokeCoreAsync(method, typeof(object), arguments, Token).WaitAsync(TestTimeouts.Short, Token);
        }
    }

    private static async Task<HubConnection> ConnectAsync(Uri address, string user)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(address, "/hubs/jobs"), o =>
            {
                o.Headers[TestAuthentication.UserHeader] = user;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            })
            .Build();
        try
        {
            await connection.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether a user of <paramref name="role"/> (scoped to <paramref name="cluster"/>) passes the endpoint's policy.</summary>
    private static bool Holds(string? role, string? cluster, Right right)
    {
        var rights = BuiltInRoles.All.FirstOrDefault(r => r.Name == role).Rights;
        return (rights & right) == right && (cluster is null || !RightHandler.IsFleetWide(right));
    }

    /// <summary>The real app with the matrix's users in its store.</summary>
    public sealed class App : IAsyncLifetime
    {
        private FleetSnapshot? _snapshot;
        private Uri? _loopback;

        internal DashboardFactory Factory { get; } = new();

        public async ValueTask InitializeAsync()
        {
            // On a real loopback port from the start: the hub test needs a socket, and Kestrel cannot be added later.
            Factory.UseKestrel(0);
            Factory.StartServer();
            _loopback = Factory.ClientOptions.BaseAddress;
            _snapshot = await Factory.WaitForFirstReadAsync();
            await using var scope = Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            await using var db = await contexts.CreateDbContextAsync();
            foreach (var (name, role, cluster) in Users.Where(u => u.User is not ("-" or TestAuthentication.DefaultUser)))
            {
                var user = new DashboardUser { UserName = name };
                var created = await users.CreateAsync(user, "Matrix-password-123");
                Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
                if (role is not null)
                {
                    db.RoleAssignments.Add(new RoleAssignmentRecord { Id = Guid.NewGuid(), UserId = user.Id, RoleName = role, Clusters = cluster ?? string.Empty });
                }
            }

            await db.SaveChangesAsync();
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

        public Task<FleetSnapshot> ReadyAsync() => Task.FromResult(_snapshot!);

        public Task<Uri> LoopbackAsync() => Task.FromResult(_loopback!);

        public async Task<HttpResponseMessage> SendAsync(string method, string path, string? body, string user)
        {
            using var client = Factory.CreateClient();
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Add(TestAuthentication.UserHeader, user);
            if (body is not null)
            {
                request.Content = new StringContent(body.Replace("%MISSING%", Missing, StringComparison.Ordinal), Encoding.UTF8, "application/json");
            }

            var response = await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Long);
            await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
            return response;
        }
    }
}
