using System.Net;
using System.Text;
using System.Text.Json;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Api;

/// <summary>The job operations of the real app on its simulated fleet, submitted to a fake job service.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed class JobsApiTests : IClassFixture<JobsAppFixture>, IDisposable
{
    private readonly JobsAppFixture _app;
    private readonly HttpClient _client;

    public JobsApiTests(JobsAppFixture app)
    {
        _app = app;
        _app.Reset();
        _client = app.App.CreateClient();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task CreateCheckpoint_ValidBody_Answers202WithTheJobAndItsLocation()
    {
        var vm = _app.App.Inventory.Current.Vms[0];

        var response = await PostJsonAsync($"/api/v1/vms/{vm.Id}/checkpoints", """{ "name": "Before patching", "expectedVersion": "ABC123" }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (request, user) = Assert.Single(_app.Jobs.Submissions);
        Assert.Equal(new CreateCheckpointRequest(vm.Id, "Before patching", "ABC123"), request);
        Assert.Equal("local", user);
        using var json = await ReadJsonAsync(response);
        var id = json.RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/jobs/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("CreateCheckpoint", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("Queued", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(vm.Id, json.RootElement.GetProperty("vmId").GetGuid());
        Assert.Equal("local", json.RootElement.GetProperty("requestedBy").GetString());
    }

    [Fact]
    public async Task CreateCheckpoint_NoBody_AsksForHyperVsDefaultName()
    {
        var vm = _app.App.Inventory.Current.Vms[0];

        var response = await _client.PostAsync(new Uri($"/api/v1/vms/{vm.Id}/checkpoints", UriKind.Relative), null, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new CreateCheckpointRequest(vm.Id, null), Assert.Single(_app.Jobs.Submissions).Request);
    }

    [Fact]
    public async Task CreateCheckpoint_UnknownVm_Answers404AndSubmitsNothing()
    {
        var id = Guid.NewGuid();

        var response = await PostJsonAsync($"/api/v1/vms/{id}/checkpoints", """{ "name": "x" }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(id.ToString(), await ErrorOfAsync(response));
        Assert.Empty(_app.Jobs.Submissions);
    }

    [Theory]
    [InlineData("""{ "name": " padded" }""", "'name'", "spaces")]
    [InlineData("""{ "name": "" }""", "'name'", "empty")]
    [InlineData("""{ "name": 42 }""", "'name'", "wrong type")]
    [InlineData("""{ "name": "ok", "expectedVersion": " " }""", "'expectedVersion'", "blank")]
    [InlineData("""{ "name": "ok" """, "not valid JSON", "line 1")]
    [InlineData("""[ "ok" ]""", "JSON object", "name")]
    public async Task CreateCheckpoint_BadBody_Answers400SayingWhatIsWrong(string body, string expected1, string expected2)
    {
        var vm = _app.App.Inventory.Current.Vms[0];

        var response = await PostJsonAsync($"/api/v1/vms/{vm.Id}/checkpoints", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Contains(expected1, error);
        Assert.Contains(expected2, error);
        Assert.Empty(_app.Jobs.Submissions);
    }

    [Fact]
    public async Task CreateCheckpoint_NotJson_Answers415()
    {
        var vm = _app.App.Inventory.Current.Vms[0];
        using var content = new StringContent("""{ "name": "x" }""", Encoding.UTF8, "text/plain");

        var response = await _client.PostAsync(new Uri($"/api/v1/vms/{vm.Id}/checkpoints", UriKind.Relative), content, Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await ErrorOfAsync(response));
        Assert.Empty(_app.Jobs.Submissions);
    }

    [Fact]
    public async Task DeleteCheckpoint_WithSubtree_SubmitsASubtreeDeleteOnTheCheckpointsVm()
    {
        var (vm, checkpoint) = _app.AnyCheckpoint();

        var response = await _client.DeleteAsync(new Uri($"/api/v1/checkpoints/{checkpoint.Id}?subtree=true", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.IsType<DeleteCheckpointRequest>(Assert.Single(_app.Jobs.Submissions).Request);
        Assert.Equal(new DeleteCheckpointRequest(vm.Id, checkpoint.Id, IncludeSubtree: true), request);
        Assert.Equal(JobKind.DeleteCheckpointSubtree, request.Kind);
        using var json = await ReadJsonAsync(response);
        Assert.Equal("DeleteCheckpointSubtree", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(checkpoint.Id, json.RootElement.GetProperty("checkpointId").GetGuid());
    }

    [Fact]
    public async Task DeleteCheckpoint_WithoutSubtree_DeletesOnlyTheCheckpointWithTheVersionFromTheQuery()
    {
        var (vm, checkpoint) = _app.AnyCheckpoint();

        var response = await _client.DeleteAsync(new Uri($"/api/v1/checkpoints/{checkpoint.Id}?expectedVersion=V1", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new DeleteCheckpointRequest(vm.Id, checkpoint.Id, false, "V1"), Assert.Single(_app.Jobs.Submissions).Request);
    }

    [Fact]
    public async Task DeleteCheckpoint_SubtreeNotABoolean_Answers400NamingIt()
    {
        var (_, checkpoint) = _app.AnyCheckpoint();

        var response = await _client.DeleteAsync(new Uri($"/api/v1/checkpoints/{checkpoint.Id}?subtree=maybe", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'subtree'", await ErrorOfAsync(response));
        Assert.Empty(_app.Jobs.Submissions);
    }

    [Theory]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/apply")]
    [InlineData("POST", "/rename")]
    [InlineData("POST", "/export")]
    public async Task CheckpointRoutes_UnknownCheckpoint_Answer404WithASentence(string method, string suffix)
    {
        var id = Guid.NewGuid();
        using var message = new HttpRequestMessage(new HttpMethod(method), new Uri($"/api/v1/checkpoints/{id}{suffix}", UriKind.Relative));

        var response = await _client.SendAsync(message, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"No checkpoint with id {id} is in the inventory.", await ErrorOfAsync(response));
        Assert.Empty(_app.Jobs.Submissions);
    }

    [Fact]
    public async Task Apply_WithOptions_SubmitsThemForTheCheckpointsVm()
    {
        var (vm, checkpoint) = _app.AnyCheckpoint();

        var response = await PostJsonAsync($"/api/v1/checkpoints/{checkpoint.Id}/apply", """{ "createCheckpointFirst": true, "expectedVersion": "V7" }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new ApplyCheckpointRequest(vm.Id, checkpoint.Id, true, "V7"), Assert.Single(_app.Jobs.Submissions).Request);
        Assert.NotNull(response.Headers.Location);
    }

    [Fact]
    public async Task Apply_NoBody_DoesNotCreateACheckpointFirst()
    {
        var (vm, checkpoint) = _app.AnyCheckpoint();

        var response = await _client.PostAsync(new Uri($"/api/v1/checkpoints/{checkpoint.Id}/apply", UriKind.Relative), null, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new ApplyCheckpointRequest(vm.Id, checkpoint.Id, false), Assert.Single(_app.Jobs.Submissions).Request);
    }

    [Fact]
    public async Task Apply_CreateCheckpointFirstNotABoolean_Answers400NamingTheField()
    {
        var (_, checkpoint) = _app.AnyCheckpoint();

        var response = await PostJsonAsync($"/api/v1/checkpoints/{checkpoint.Id}/apply", """{ "createCheckpointFirst": "yes" }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'createCheckpointFirst'", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task Revert_KnownVm_SubmitsARevert()
    {
        var vm = _app.App.Inventory.Current.Vms[^1];

        var response = await PostJsonAsync($"/api/v1/vms/{vm.Id}/revert", """{ "expectedVersion": "V2" }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new RevertVmRequest(vm.Id, "V2"), Assert.Single(_app.Jobs.Submissions).Request);
        using var json = await ReadJsonAsync(response);
        Assert.Equal("RevertVm", json.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Revert_UnknownVm_Answers404()
    {
        var id = Guid.NewGuid();

        var response = await _client.PostAsync(new Uri($"/api/v1/vms/{id}/revert", UriKind.Relative), null, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"No VM with id {id} is in the inventory.", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task Rename_WithName_SubmitsTheNewName()
    {
        var (vm, checkpoint) = _app.AnyCheckpoint();

        var response = await PostJsonAsync($"/api/v1/checkpoints/{checkpoint.Id}/rename", """{ "name": "Golden image" }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new RenameCheckpointRequest(vm.Id, checkpoint.Id, "Golden image"), Assert.Single(_app.Jobs.Submissions).Request);
    }

    [Theory]
    [InlineData("""{ }""", "The field 'name' is required")]
    [InlineData("""{ "name": null }""", "The field 'name' is required")]
    [InlineData("""{ "name": "tab\there" }""", "The field 'name' is not a valid checkpoint name")]
    public async Task Rename_MissingOrInvalidName_Answers400NamingIt(string body, string expected)
    {
        var (_, checkpoint) = _app.AnyCheckpoint();

        var response = await PostJsonAsync($"/api/v1/checkpoints/{checkpoint.Id}/rename", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, await ErrorOfAsync(response));
        Assert.Empty(_app.Jobs.Submissions);
    }

    [Fact]
    public async Task Export_WithPath_SubmitsTheFolder()
    {
        var (vm, checkpoint) = _app.AnyCheckpoint();

        var response = await PostJsonAsync($"/api/v1/checkpoints/{checkpoint.Id}/export", """{ "path": "E:\\Exports", "expectedVersion": "V3" }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new ExportCheckpointRequest(vm.Id, checkpoint.Id, @"E:\Exports", "V3"), Assert.Single(_app.Jobs.Submissions).Request);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{ "path": "  " }""")]
    public async Task Export_WithoutPath_Answers400NamingIt(string body)
    {
        var (_, checkpoint) = _app.AnyCheckpoint();

        var response = body.Length == 0
            ? await _client.PostAsync(new Uri($"/api/v1/checkpoints/{checkpoint.Id}/export", UriKind.Relative), null, Token)
            : await PostJsonAsync($"/api/v1/checkpoints/{checkpoint.Id}/export", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'path'", await ErrorOfAsync(response));
        Assert.Empty(_app.Jobs.Submissions);
    }

    [Fact]
    public async Task ChangeSettings_SomeFields_SubmitsThoseAndLeavesTheRest()
    {
        var vm = _app.App.Inventory.Current.Vms[0];

        var response = await SendJsonAsync(HttpMethod.Put, $"/api/v1/vms/{vm.Id}/checkpoint-settings",
            """{ "checkpointType": "standard", "automaticCheckpoints": false }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new ChangeCheckpointSettingsRequest(vm.Id, CheckpointType.Standard, false, null), Assert.Single(_app.Jobs.Submissions).Request);
    }

    [Fact]
    public async Task ChangeSettings_FileLocation_IsPassedOn()
    {
        var vm = _app.App.Inventory.Current.Vms[0];

        var response = await SendJsonAsync(HttpMethod.Put, $"/api/v1/vms/{vm.Id}/checkpoint-settings",
            """{ "checkpointFileLocation": "D:\\Checkpoints", "expectedVersion": "V9" }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new ChangeCheckpointSettingsRequest(vm.Id, null, null, @"D:\Checkpoints", "V9"), Assert.Single(_app.Jobs.Submissions).Request);
    }

    [Theory]
    [InlineData("""{ "checkpointType": "Fancy" }""", "'checkpointType'", "Fancy")]
    [InlineData("""{ "checkpointType": "Unknown" }""", "'checkpointType'", "ProductionOnly")]
    [InlineData("""{ "automaticCheckpoints": "sometimes" }""", "'automaticCheckpoints'", "wrong type")]
    [InlineData("""{ "checkpointFileLocation": "" }""", "'checkpointFileLocation'", "blank")]
    [InlineData("""{ }""", "at least one", "'checkpointType'")]
    public async Task ChangeSettings_BadField_Answers400NamingIt(string body, string expected1, string expected2)
    {
        var vm = _app.App.Inventory.Current.Vms[0];

        var response = await SendJsonAsync(HttpMethod.Put, $"/api/v1/vms/{vm.Id}/checkpoint-settings", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Contains(expected1, error);
        Assert.Contains(expected2, error);
        Assert.Empty(_app.Jobs.Submissions);
    }

    [Theory]
    [InlineData(JobRejection.NotFound, HttpStatusCode.NotFound)]
    [InlineData(JobRejection.Invalid, HttpStatusCode.BadRequest)]
    [InlineData(JobRejection.Conflict, HttpStatusCode.Conflict)]
    [InlineData(JobRejection.Forbidden, HttpStatusCode.Forbidden)]
    public async Task Submit_Rejected_AnswersTheReasonsStatusWithTheServicesSentence(JobRejection reason, HttpStatusCode expected)
    {
        var (_, checkpoint) = _app.AnyCheckpoint();
        const string Message = "The VM changed since you looked at it: a checkpoint was added on HV01. Reload and try again.";
        _app.Jobs.Rejection = new JobRejectedException(reason, Message);

        var response = await PostJsonAsync($"/api/v1/checkpoints/{checkpoint.Id}/apply", """{ "expectedVersion": "OLD" }""");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(Message, await ErrorOfAsync(response));
        Assert.Null(response.Headers.Location);
        Assert.Single(_app.Jobs.Submissions);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) => SendJsonAsync(HttpMethod.Post, path, json);

    private async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json)
    {
        using var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return await _client.SendAsync(message, Token);
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Token), cancellationToken: Token);

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        return problem.GetProperty("error").GetString()!;
    }
}
