using System.Net;
using System.Text;
using System.Text.Json;
using CheckpointDashboard.Dashboard.Credentials;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Tests.Unit.Dashboard.Reports;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Credentials;

/// <summary>
/// The credential endpoints of the real app (its store, its key ring in the app's data folder), signed in as "local" with
/// the ManageHosts policy met by any signed-in user: who holds that right is the sign-in module's business and tested there.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class CredentialsApiTests : IAsyncLifetime
{
    private const string Secret = CredentialStoreHarness.Secret;

    private readonly DashboardFactory _root = new(new Dictionary<string, string?>
    {
        ["Credentials:fromconfig:UserName"] = "config-user",
        ["Credentials:fromconfig:Password"] = "config-password",
    });

    private readonly CapturingLoggerProvider _logs = new();
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = _root.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
        }));
        _client = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _root.DisposeAsync();
    }

    [Fact]
    public async Task Put_NewCredential_Answers201AndTheListNeverCarriesThePassword()
    {
        var put = await SendAsync(HttpMethod.Put, "/api/v1/credentials/hyperv", $$"""{ "userName": "CORP\\svc-hvdash", "password": "{{Secret}}" }""");
        var putText = await put.Content.ReadAsStringAsync(Token).WaitAsync(TestTimeouts.Short, Token);
        var list = await SendAsync(HttpMethod.Get, "/api/v1/credentials");
        var listText = await list.Content.ReadAsStringAsync(Token).WaitAsync(TestTimeouts.Short, Token);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("/api/v1/credentials/hyperv", put.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(Secret, putText, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, listText, StringComparison.Ordinal);
        Assert.DoesNotContain("config-password", listText, StringComparison.Ordinal);
        Assert.DoesNotContain("password", listText, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(listText);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["fromconfig", "hyperv"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["Configuration", "Store"], items.Select(i => i.GetProperty("source").GetString()));
        Assert.Equal(@"CORP\svc-hvdash", items[1].GetProperty("userName").GetString());
        Assert.Equal("local", items[1].GetProperty("updatedBy").GetString());
        Assert.Equal(1, items[1].GetProperty("version").GetInt32());
        Assert.True(items[1].GetProperty("usable").GetBoolean());
        Assert.Equal(JsonValueKind.Array, items[1].GetProperty("usedBy").ValueKind);
    }

    [Fact]
    public async Task Put_ThenTheConnectorsStore_FindsThePasswordAndTheSimulatorsCredentialStillResolves()
    {
        await SendAsync(HttpMethod.Put, "/api/v1/credentials/hyperv", $$"""{ "userName": "svc", "password": "{{Secret}}" }""");

        var connector = _app.Services.GetRequiredService<ICredentialStore>();

        Assert.Same(_app.Services.GetRequiredService<ProtectedCredentialStore>(), connector);
        Assert.Equal(Secret, connector.Find("hyperv")?.Password);
        Assert.Equal("config-password", connector.Find("fromconfig")?.Password);
        Assert.True(connector.Exists("__simulator"));
        Assert.NotNull(connector.Find("__simulator"));
        var file = await File.ReadAllTextAsync(Path.Combine(_root.DataDirectory, "credentials.json"), Token).WaitAsync(TestTimeouts.Short, Token);
        Assert.DoesNotContain(Secret, file, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root.DataDirectory, "keys"), "key-*.xml"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_root.DataDirectory, "keys")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_root.DataDirectory, "credentials.json")));
        }
    }

    [Fact]
    public async Task Put_WithTheVersion_Answers200AndAStaleVersionAnswers409NamingWhoChangedIt()
    {
        await SendAsync(HttpMethod.Put, "/api/v1/credentials/hyperv", """{ "userName": "svc", "password": "one" }""");

        var update = await SendAsync(HttpMethod.Put, "/api/v1/credentials/hyperv", """{ "userName": "svc2", "expectedVersion": 1 }""");
        var stale = await SendAsync(HttpMethod.Put, "/api/v1/credentials/hyperv", """{ "userName": "svc3", "password": "x", "expectedVersion": 1 }""");

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.StartsWith("The credential 'hyperv' was changed by local at ", await ErrorOfAsync(stale), StringComparison.Ordinal);
        Assert.Equal("one", _app.Services.GetRequiredService<ICredentialStore>().Find("hyperv")?.Password);
    }

    [Theory]
    [InlineData("/api/v1/credentials/bad%20name", """{ "userName": "svc", "password": "x" }""", "name: ' ' is not allowed")]
    [InlineData("/api/v1/credentials/hyperv", """{ "userName": "", "password": "x" }""", "userName: is required")]
    [InlineData("/api/v1/credentials/hyperv", """{ "userName": "svc" }""", "password: is required")]
    [InlineData("/api/v1/credentials/hyperv", """{ "userName": "svc", "pasword": "x" }""", "The field 'pasword' is not known")]
    [InlineData("/api/v1/credentials/hyperv", """{ "userName": "svc", "password": 12 }""", "The field 'password' has a value of the wrong type.")]
    public async Task Put_BadInput_Answers400NamingTheField(string path, string body, string expected)
    {
        var response = await SendAsync(HttpMethod.Put, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, await ErrorOfAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WithTheVersion_Answers204AndIsAuditedWithoutTheSecret()
    {
        await SendAsync(HttpMethod.Put, "/api/v1/credentials/hyperv", $$"""{ "userName": "svc", "password": "{{Secret}}" }""");

        var stale = await SendAsync(HttpMethod.Delete, "/api/v1/credentials/hyperv?expectedVersion=7");
        var badVersion = await SendAsync(HttpMethod.Delete, "/api/v1/credentials/hyperv?expectedVersion=one");
        var deleted = await SendAsync(HttpMethod.Delete, "/api/v1/credentials/hyperv?expectedVersion=1");
        var again = await SendAsync(HttpMethod.Delete, "/api/v1/credentials/hyperv");
        var configured = await SendAsync(HttpMethod.Delete, "/api/v1/credentials/fromconfig");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        Assert.Equal("The parameter 'expectedVersion' must be a whole number; 'one' is not.", await ErrorOfAsync(badVersion));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, configured.StatusCode);
        var audit = await _app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(), Token).WaitAsync(TestTimeouts.Short, Token);
        var credentialEntries = audit.Where(e => e.Action.EndsWith("Credential", StringComparison.Ordinal)).ToList();
        Assert.Equal(["DeleteCredential", "CreateCredential"], credentialEntries.Select(e => e.Action));
        Assert.All(credentialEntries, e => Assert.Equal(("hyperv", "local"), (e.Target, e.User)));
        Assert.DoesNotContain(credentialEntries, e => $"{e.Parameters} {e.Detail}".Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRequest_NoLogLineContainsThePassword()
    {
        await SendAsync(HttpMethod.Put, "/api/v1/credentials/hyperv", $$"""{ "userName": "svc", "password": "{{Secret}}" }""");
        await SendAsync(HttpMethod.Put, "/api/v1/credentials/hyperv", $$"""{ "userName": "svc", "password": "{{Secret}}", "expectedVersion": 9 }""");
        await SendAsync(HttpMethod.Put, "/api/v1/credentials/bad name", $$"""{ "userName": "svc", "password": "{{Secret}}" }""");
        await SendAsync(HttpMethod.Put, "/api/v1/credentials/hyperv", $$"""{ "userName": "svc", "password": "{{Secret}}", "extra": "{{Secret}}" }""");
        await SendAsync(HttpMethod.Get, "/api/v1/credentials");
        _app.Services.GetRequiredService<ICredentialStore>().Find("hyperv");

        Assert.Contains(_logs.Lines, l => l.Contains("Credential hyperv saved by local", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _client.SendAsync(request, Token).WaitAsync(TestTimeouts.Long, Token);
    }

    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Short));
        return json.RootElement.GetProperty("error").GetString();
    }
}
