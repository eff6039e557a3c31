using System.Net;
using System.Text.Json;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Api;

/// <summary>Listing, reading and cancelling jobs through the real app, against a fake job service.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed class JobsQueryApiTests : IClassFixture<JobsAppFixture>, IDisposable
{
    private readonly JobsAppFixture _app;
    private readonly HttpClient _client;

    public JobsQueryApiTests(JobsAppFixture app)
    {
        _app = app;
        _app.Reset();
        _client = app.App.CreateClient();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ListJobs_WithFilters_PassesThemToTheService()
    {
        var vmId = Guid.NewGuid();

        var response = await GetAsync(
            $"/api/v1/jobs?vmId={vmId}&host=HV02&state=Queued&state=running,Failed&kind=DeleteCheckpointSubtree&search=patch" +
            "&since=2026-11-01T08:30:00Z&limit=20");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var query = Assert.Single(_app.Jobs.Queries);
        Assert.Equal(vmId, query.VmId);
        Assert.Equal("HV02", query.Host);
        Assert.Equal([JobState.Queued, JobState.Running, JobState.Failed], query.States.Order());
        Assert.Equal([JobKind.DeleteCheckpointSubtree], query.Kinds);
        Assert.Equal("patch", query.Search);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero), query.Since);
        Assert.Equal(20, query.Limit);
    }

    [Fact]
    public async Task ListJobs_NoFilters_AsksForTheNewest500AndReturnsTheJobsAsJson()
    {
        var job = FakeJobService.Job(Guid.NewGuid(), JobKind.ExportCheckpoint, JobState.Running) with { Percent = 40, Phase = "Copying disks" };
        _app.Jobs.Jobs.Add(job);

        var response = await GetAsync("/api/v1/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var query = Assert.Single(_app.Jobs.Queries);
        Assert.Equal(new JobQuery().Limit, query.Limit);
        Assert.Equal(500, query.Limit);
        Assert.Empty(query.States);
        Assert.Empty(query.Kinds);
        Assert.Null(query.VmId);
        Assert.Null(query.Since);
        var jobs = (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).EnumerateArray().ToList();
        var only = Assert.Single(jobs);
        Assert.Equal(job.Id, only.GetProperty("id").GetGuid());
        Assert.Equal("Running", only.GetProperty("state").GetString());
        Assert.Equal("ExportCheckpoint", only.GetProperty("kind").GetString());
        Assert.Equal(40, only.GetProperty("percent").GetInt32());
        Assert.Equal("Copying disks", only.GetProperty("phase").GetString());
    }

    [Theory]
    [InlineData("state=Queued,Bogus", "'state'", "'Bogus'")]
    [InlineData("kind=Reboot", "'kind'", "'Reboot'")]
    [InlineData("state=2", "'state'", "'2'")]
    [InlineData("vmId=not-a-guid", "'vmId'", "GUID")]
    [InlineData("since=yesterday", "'since'", "ISO 8601")]
    [InlineData("limit=0", "'limit'", "1 to 5000")]
    [InlineData("limit=5001", "'limit'", "1 to 5000")]
    [InlineData("limit=ten", "'limit'", "'ten'")]
    public async Task ListJobs_BadFilter_Answers400NamingItAndQueriesNothing(string queryString, string expected1, string expected2)
    {
        var response = await GetAsync($"/api/v1/jobs?{queryString}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Contains(expected1, error);
        Assert.Contains(expected2, error);
        Assert.Empty(_app.Jobs.Queries);
    }

    [Fact]
    public async Task ListJobs_LimitAtTheMaximum_IsAccepted()
    {
        var response = await GetAsync("/api/v1/jobs?limit=5000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5000, Assert.Single(_app.Jobs.Queries).Limit);
    }

    [Fact]
    public async Task GetJob_Known_ReturnsIt()
    {
        var job = FakeJobService.Job(Guid.NewGuid(), JobKind.ApplyCheckpoint, JobState.Completed) with { Result = "Applied." };
        _app.Jobs.Jobs.Add(job);

        var response = await GetAsync($"/api/v1/jobs/{job.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(job.Id, json.GetProperty("id").GetGuid());
        Assert.Equal("Completed", json.GetProperty("state").GetString());
        Assert.Equal("Applied.", json.GetProperty("result").GetString());
    }

    [Fact]
    public async Task GetJob_Unknown_Answers404WithASentence()
    {
        var id = Guid.NewGuid();

        var response = await GetAsync($"/api/v1/jobs/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(id.ToString(), await ErrorOfAsync(response));
    }

    [Fact]
    public async Task Cancel_Known_Answers202WithTheJobAndRecordsWhoAsked()
    {
        var job = FakeJobService.Job(Guid.NewGuid(), state: JobState.Queued);
        _app.Jobs.Jobs.Add(job);

        var response = await _client.PostAsync(new Uri($"/api/v1/jobs/{job.Id}/cancel", UriKind.Relative), null, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/v1/jobs/{job.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((job.Id, "local"), Assert.Single(_app.Jobs.Cancellations));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("Cancelled", json.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Cancel_NotCancellable_Answers409WithTheServicesSentence()
    {
        const string Message = "Hyper-V cannot cancel a merge that has started.";
        _app.Jobs.Rejection = new JobRejectedException(JobRejection.Conflict, Message);

        var response = await _client.PostAsync(new Uri($"/api/v1/jobs/{Guid.NewGuid()}/cancel", UriKind.Relative), null, Token);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(Message, await ErrorOfAsync(response));
    }

    private Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(new Uri(path, UriKind.Relative), Token);

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        return problem.GetProperty("error").GetString()!;
    }
}
