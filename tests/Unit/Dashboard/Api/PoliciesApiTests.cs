using System.Net;
using System.Text;
using System.Text.Json;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Policies;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Api;

/// <summary>The policy endpoints of the real app (reading, creating, updating, deleting), in front of a fake policy store.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed class PoliciesApiTests : IClassFixture<BulkAppFixture>, IDisposable
{
    private readonly BulkAppFixture _app;
    private readonly HttpClient _client;

    public PoliciesApiTests(BulkAppFixture app)
    {
        _app = app;
        _app.Reset();
        _client = app.App.CreateClient();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task List_AnswersTheStoresPoliciesInCamelCaseWithEnumNames()
    {
        var prod = _app.Policies.Add(Policy("PROD uses Production") with { Version = 3 });
        var dcs = _app.Policies.Add(Policy("DCs use ProductionOnly", CheckpointType.ProductionOnly) with { Enabled = false });

        var response = await GetAsync("/api/v1/policies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadJsonAsync(response);
        var policies = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([dcs.Id, prod.Id], policies.Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal("ProductionOnly", policies[0].GetProperty("target").GetProperty("checkpointType").GetString());
        Assert.False(policies[0].GetProperty("enabled").GetBoolean());
        Assert.Equal(["PROD"], policies[1].GetProperty("scope").GetProperty("clusters").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(3, policies[1].GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Get_KnownAndUnknown_AnswerThePolicyOr404()
    {
        var policy = _app.Policies.Add(Policy("PROD uses Production"));
        var unknown = Guid.NewGuid();

        var found = await GetAsync($"/api/v1/policies/{policy.Id}");
        var missing = await GetAsync($"/api/v1/policies/{unknown}");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        using var json = await ReadJsonAsync(found);
        Assert.Equal("PROD uses Production", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal($"No policy with id {unknown} is known.", await ErrorOfAsync(missing));
    }

    [Fact]
    public async Task Suggestions_AnswerTheSuggestedPoliciesWithoutSavingThem()
    {
        var response = await GetAsync("/api/v1/policies/suggestions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadJsonAsync(response);
        var suggestions = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(PolicySuggestions.All.Select(p => p.Name), suggestions.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(PolicySuggestions.All.Select(p => p.Target.CheckpointType.ToString()),
            suggestions.Select(s => s.GetProperty("target").GetProperty("checkpointType").GetString()));
        Assert.Empty(_app.Policies.Saves);
    }

    [Fact]
    public async Task Create_WithoutId_Answers201WithTheSavedPolicyUnderANewId()
    {
        var response = await SendJsonAsync(HttpMethod.Post, "/api/v1/policies", """
            {
              "name": "PROD uses Production", "description": "VSS-consistent.", "priority": 100,
              "scope": { "clusters": ["PROD"], "states": ["running"] },
              "target": { "checkpointType": "Production", "automaticCheckpoints": false }
            }
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var (saved, user) = Assert.Single(_app.Policies.Saves);
        Assert.Equal("local", user);
        Assert.NotEqual(Guid.Empty, saved.Id);
        Assert.Equal("PROD uses Production", saved.Name);
        Assert.Equal("VSS-consistent.", saved.Description);
        Assert.Equal(100, saved.Priority);
        Assert.True(saved.Enabled);
        Assert.Equal(["PROD"], saved.Scope.Clusters!);
        Assert.Equal([VmState.Running], saved.Scope.States!);
        Assert.Equal(new CheckpointSettingsTarget(CheckpointType.Production, false), saved.Target);
        Assert.Equal($"/api/v1/policies/{saved.Id}", response.Headers.Location?.OriginalString);
        using var json = await ReadJsonAsync(response);
        Assert.Equal(saved.Id, json.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("local", json.RootElement.GetProperty("updatedBy").GetString());
    }

    [Fact]
    public async Task Create_WithId_KeepsIt()
    {
        var id = Guid.NewGuid();

        var response = await SendJsonAsync(HttpMethod.Post, "/api/v1/policies",
            $$"""{ "id": "{{id}}", "name": "Everything off", "scope": {}, "target": { "automaticCheckpoints": false }, "enabled": false }""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var saved = Assert.Single(_app.Policies.Saves).Policy;
        Assert.Equal(id, saved.Id);
        Assert.False(saved.Enabled);
        Assert.True(saved.Scope.SelectsEverything);
        Assert.Equal($"/api/v1/policies/{id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Create_IdThatExists_Answers409AndOverwritesNothing()
    {
        var existing = _app.Policies.Add(Policy("PROD uses Production"));

        var response = await SendJsonAsync(HttpMethod.Post, "/api/v1/policies",
            $$"""{ "id": "{{existing.Id}}", "name": "Mine now", "scope": {}, "target": { "checkpointType": "Standard" } }""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("PUT", await ErrorOfAsync(response), StringComparison.Ordinal);
        Assert.Empty(_app.Policies.Saves);
    }

    [Fact]
    public async Task Create_Invalid_Answers400WithEveryProblemNamingItsField()
    {
        var response = await SendJsonAsync(HttpMethod.Post, "/api/v1/policies",
            """{ "name": " ", "priority": 20000, "scope": { "namePattern": "(", "nameIsRegex": true }, "target": {} }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Contains("name: is required.", error, StringComparison.Ordinal);
        Assert.Contains("priority: must be between", error, StringComparison.Ordinal);
        Assert.Contains("scope.namePattern:", error, StringComparison.Ordinal);
        Assert.Contains("target: Choose a checkpoint type", error, StringComparison.Ordinal);
        Assert.Empty(_app.Policies.Saves);
    }

    [Theory]
    [InlineData("""{ "name": "x", "scope": {}, "target": { "checkpointType": "Fast" } }""", "'target.checkpointType' must be one of")]
    [InlineData("""{ "name": "x", "scope": { "states": ["Asleep"] }, "target": { "checkpointType": "Standard" } }""", "scope.states: 'Asleep'")]
    [InlineData("""{ "name": "x", "target": { "checkpointType": "Standard" } }""", "scope: is required")]
    [InlineData("""{ "name": "x", "scope": { "cluster": "PROD" }, "target": { "checkpointType": "Standard" } }""", "'scope.cluster' is not known")]
    [InlineData("""{ "name": "x", "scope": {}, "target": { "checkpointType": "Standard" }, "priority": "high" }""", "'priority' has a value of the wrong type")]
    public async Task Create_UnreadableField_Answers400NamingIt(string body, string expected)
    {
        var response = await SendJsonAsync(HttpMethod.Post, "/api/v1/policies", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Choose a checkpoint type", error, StringComparison.Ordinal);
        Assert.Empty(_app.Policies.Saves);
    }

    [Fact]
    public async Task Update_CurrentVersion_SavesAndAnswersTheNewVersion()
    {
        var policy = _app.Policies.Add(Policy("PROD uses Production") with { Version = 1 });

        var response = await SendJsonAsync(HttpMethod.Put, $"/api/v1/policies/{policy.Id}",
            """{ "name": "PROD uses ProductionOnly", "scope": { "clusters": ["PROD"] }, "target": { "checkpointType": "ProductionOnly" }, "version": 1 }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = Assert.Single(_app.Policies.Saves).Policy;
        Assert.Equal(policy.Id, saved.Id);
        Assert.Equal(1, saved.Version);
        Assert.Equal(CheckpointType.ProductionOnly, saved.Target.CheckpointType);
        using var json = await ReadJsonAsync(response);
        Assert.Equal(2, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("PROD uses ProductionOnly", json.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Update_StaleVersion_Answers409WithTheStoresSentence()
    {
        var policy = _app.Policies.Add(Policy("PROD uses Production") with { Version = 4, UpdatedBy = "alice" });

        var response = await SendJsonAsync(HttpMethod.Put, $"/api/v1/policies/{policy.Id}",
            """{ "name": "Mine", "scope": {}, "target": { "checkpointType": "Standard" }, "version": 3 }""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("changed by alice (version 4)", await ErrorOfAsync(response), StringComparison.Ordinal);
        Assert.Equal(4, (await _app.Policies.FindAsync(policy.Id, Token).WaitAsync(TestTimeouts.Short, Token))!.Version);
    }

    [Theory]
    [InlineData("""{ "name": "Mine", "scope": {}, "target": { "checkpointType": "Standard" } }""", "version: is required")]
    [InlineData("""{ "id": "00000000-0000-0000-0000-000000000001", "name": "Mine", "scope": {}, "target": { "checkpointType": "Standard" }, "version": 1 }""", "id: 00000000-0000-0000-0000-000000000001 is not the id")]
    public async Task Update_WithoutVersionOrWithAnotherId_Answers400(string body, string expected)
    {
        var policy = _app.Policies.Add(Policy("PROD uses Production") with { Version = 1 });

        var response = await SendJsonAsync(HttpMethod.Put, $"/api/v1/policies/{policy.Id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await ErrorOfAsync(response), StringComparison.Ordinal);
        Assert.Empty(_app.Policies.Saves);
    }

    [Fact]
    public async Task Update_UnknownPolicy_Answers404AndCreatesNothing()
    {
        var id = Guid.NewGuid();

        var response = await SendJsonAsync(HttpMethod.Put, $"/api/v1/policies/{id}",
            """{ "name": "Ghost", "scope": {}, "target": { "checkpointType": "Standard" }, "version": 1 }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_app.Policies.Saves);
        Assert.Null(await _app.Policies.FindAsync(id, Token).WaitAsync(TestTimeouts.Short, Token));
    }

    [Fact]
    public async Task Save_StoreForbids_Answers403()
    {
        _app.Policies.Rejection = new JobRejectedException(JobRejection.Forbidden, "Only administrators change policies.");

        var response = await SendJsonAsync(HttpMethod.Post, "/api/v1/policies", """{ "name": "x", "scope": {}, "target": { "checkpointType": "Standard" } }""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Only administrators change policies.", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task Delete_KnownAndUnknown_Answer204Or404()
    {
        var policy = _app.Policies.Add(Policy("PROD uses Production"));

        var deleted = await _client.DeleteAsync(new Uri($"/api/v1/policies/{policy.Id}", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        var again = await _client.DeleteAsync(new Uri($"/api/v1/policies/{policy.Id}", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal([(policy.Id, "local"), (policy.Id, "local")], _app.Policies.Deletes);
        Assert.Null(await _app.Policies.FindAsync(policy.Id, Token).WaitAsync(TestTimeouts.Short, Token));
    }

    private static CheckpointPolicy Policy(string name, CheckpointType type = CheckpointType.Production) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Scope = new VmSelector { Clusters = ["PROD"] },
        Target = new CheckpointSettingsTarget(type, null),
    };

    private Task<HttpResponseMessage> GetAsync(string path) =>
        _client.GetAsync(new Uri(path, UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

    private async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json)
    {
        using var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return await _client.SendAsync(message, Token).WaitAsync(TestTimeouts.Long, Token);
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Token), cancellationToken: Token).WaitAsync(TestTimeouts.Long, Token);

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token).WaitAsync(TestTimeouts.Long, Token);
        return problem.GetProperty("error").GetString()!;
    }
}
