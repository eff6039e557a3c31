using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using CsvHelper;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Api;

/// <summary>The bulk change endpoints of the real app, in front of a fake bulk service.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed class BulkApiTests : IClassFixture<BulkAppFixture>, IDisposable
{
    private const string Path = "/api/v1/bulk/checkpoint-settings";

    private static readonly string[] s_itemColumns = ["vm", "vmId", "host", "cluster", "beforeType", "beforeAutomatic", "status", "detail", "jobId", "finishedAt"];

    private readonly BulkAppFixture _app;
    private readonly HttpClient _client;

    public BulkApiTests(BulkAppFixture app)
    {
        _app = app;
        _app.Reset();
        _client = app.App.CreateClient();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task DryRun_AnswersTheServicesPreviewInCamelCaseWithEnumNames()
    {
        var target = new CheckpointSettingsTarget(CheckpointType.Production, null);
        var change = new BulkPreviewItem(Guid.NewGuid(), "PRD-APP01", "PROD-HV01", "PROD", CheckpointType.Standard, true,
            CheckpointType.Production, true, null, null);
        var skip = new BulkPreviewItem(Guid.NewGuid(), "PRD-APP02", "PROD-HV02", "PROD", CheckpointType.Production, false,
            CheckpointType.Production, false, BulkSkipReason.AlreadyCompliant, "Already Production.");
        _app.Bulk.PreviewResult = new BulkPreview(target, [change, skip], [new BulkGroupCount("PROD", 1, 1)],
            [new BulkGroupCount("PROD-HV01", 1, 0), new BulkGroupCount("PROD-HV02", 0, 1)],
            ImmutableSortedDictionary<BulkSkipReason, int>.Empty.Add(BulkSkipReason.AlreadyCompliant, 1));

        var response = await PostJsonAsync(Path, """{ "filter": { "clusters": ["PROD"] }, "checkpointType": "production", "dryRun": true }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(_app.Bulk.Previews);
        Assert.Equal(["PROD"], request.Selector.Clusters!);
        Assert.Equal(target, request.Target);
        Assert.Empty(_app.Bulk.Starts);
        using var json = await ReadJsonAsync(response);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("matched").GetInt32());
        Assert.Equal(1, root.GetProperty("toChange").GetInt32());
        Assert.Equal(1, root.GetProperty("skipped").GetInt32());
        Assert.Equal("Production", root.GetProperty("target").GetProperty("checkpointType").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(change.VmId, items[0].GetProperty("vmId").GetGuid());
        Assert.Equal("Standard", items[0].GetProperty("currentType").GetString());
        Assert.Equal("Production", items[0].GetProperty("newType").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("skip").ValueKind);
        Assert.Equal("AlreadyCompliant", items[1].GetProperty("skip").GetString());
        Assert.Equal("Already Production.", items[1].GetProperty("skipDetail").GetString());
        var cluster = Assert.Single(root.GetProperty("byCluster").EnumerateArray());
        Assert.Equal("PROD", cluster.GetProperty("name").GetString());
        Assert.Equal(1, cluster.GetProperty("change").GetInt32());
        Assert.Equal(1, cluster.GetProperty("skip").GetInt32());
        Assert.Equal(["PROD-HV01", "PROD-HV02"], root.GetProperty("byHost").EnumerateArray().Select(h => h.GetProperty("name").GetString()));
        Assert.Equal(1, root.GetProperty("skipsByReason").GetProperty("AlreadyCompliant").GetInt32());
    }

    [Fact]
    public async Task Start_EveryFilterField_ReachesTheServiceParsed_AndVmIdsAreMerged()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();
        var body = $$"""
            {
              "filter": {
                "vmIds": ["{{a}}", "{{b}}"], "clusters": ["PROD", ""], "hosts": ["PROD-HV01"], "namePattern": "^PRD-(APP|SQL)",
                "nameIsRegex": true, "states": ["Running", "off"], "checkpointTypes": ["Standard", "Unknown"],
                "automaticCheckpoints": true, "minConfigurationVersion": "8.0", "belowConfigurationVersion": "12.0",
                "hasStandardCheckpoints": false
              },
              "vmIds": ["{{b}}", "{{c}}"],
              "checkpointType": "ProductionOnly", "automaticCheckpoints": false, "dryRun": false
            }
            """;

        var response = await PostJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (request, user) = Assert.Single(_app.Bulk.Starts);
        Assert.Equal("local", user);
        Assert.Empty(_app.Bulk.Previews);
        var selector = request.Selector;
        Assert.Equal([a, b, c], selector.VmIds!);
        Assert.Equal(["PROD", ""], selector.Clusters!);
        Assert.Equal(["PROD-HV01"], selector.Hosts!);
        Assert.Equal("^PRD-(APP|SQL)", selector.NamePattern);
        Assert.True(selector.NameIsRegex);
        Assert.Equal([VmState.Running, VmState.Off], selector.States!);
        Assert.Equal([CheckpointType.Standard, CheckpointType.Unknown], selector.CheckpointTypes!);
        Assert.True(selector.AutomaticCheckpoints);
        Assert.Equal("8.0", selector.MinConfigurationVersion);
        Assert.Equal("12.0", selector.BelowConfigurationVersion);
        Assert.False(selector.HasStandardCheckpoints);
        Assert.Equal(new CheckpointSettingsTarget(CheckpointType.ProductionOnly, false), request.Target);

        using var json = await ReadJsonAsync(response);
        var id = json.RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/bulk/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Running", json.RootElement.GetProperty("state").GetString());
        Assert.Equal("ProductionOnly", json.RootElement.GetProperty("target").GetProperty("checkpointType").GetString());
        Assert.Equal("local", json.RootElement.GetProperty("requestedBy").GetString());
    }

    [Fact]
    public async Task Start_VmIdsShorthandAlone_SelectsThoseVms()
    {
        var id = Guid.NewGuid();

        var response = await PostJsonAsync(Path, $$"""{ "vmIds": ["{{id}}"], "automaticCheckpoints": false, "dryRun": false }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.Single(_app.Bulk.Starts).Request;
        Assert.Equal([id], request.Selector.VmIds!);
        Assert.Null(request.Selector.Clusters);
        Assert.Equal(new CheckpointSettingsTarget(null, false), request.Target);
    }

    [Theory]
    [InlineData("""{ "filter": { "clusters": ["PROD"] }, "checkpointType": "Fast", "dryRun": true }""", "'checkpointType' must be one of", "ProductionOnly")]
    [InlineData("""{ "filter": { "clusters": ["PROD"] }, "checkpointType": "Unknown", "dryRun": true }""", "'Unknown' is not", "Standard")]
    [InlineData("""{ "filter": { "states": ["Runing"] }, "checkpointType": "Production", "dryRun": true }""", "filter.states: 'Runing'", "Running")]
    [InlineData("""{ "filter": { "checkpointTypes": ["Prod"] }, "checkpointType": "Production", "dryRun": false }""", "filter.checkpointTypes: 'Prod'", "Production")]
    [InlineData("""{ "filter": { "states": [2] }, "checkpointType": "Production", "dryRun": true }""", "'filter.states[0]'", "wrong type")]
    [InlineData("""{ "filter": { "clusters": ["PROD"] }, "dryRun": false }""", "checkpointType, automaticCheckpoints", "settings")]
    [InlineData("""{ "filter": { "clusters": ["PROD"] }, "checkpointType": "Production" }""", "dryRun", "required")]
    [InlineData("""{ "filter": { "clusters": ["PROD"], "host": ["PROD-HV01"] }, "checkpointType": "Production", "dryRun": false }""", "'filter.host'", "hosts")]
    [InlineData("""{ "filters": { "clusters": ["PROD"] }, "checkpointType": "Production", "dryRun": false }""", "'filters'", "not known")]
    [InlineData("""{ "vmIds": ["not-a-guid"], "checkpointType": "Production", "dryRun": false }""", "'vmIds[0]'", "wrong type")]
    [InlineData("""{ "vmIds": [], "automaticCheckpoints": "yes", "dryRun": false }""", "'automaticCheckpoints'", "wrong type")]
    [InlineData("""{ "filter": { "namePattern": "(", "nameIsRegex": true }, "checkpointType": "Production", "dryRun": true }""", "filter.namePattern", "regular expression")]
    [InlineData("""{ "filter": { "minConfigurationVersion": "new" }, "checkpointType": "Production", "dryRun": true }""", "filter.minConfigurationVersion", "'new'")]
    [InlineData("""{ "filter": { "clusters": ["PROD"] }, "checkpointType": "Production", "dryRun": "no" }""", "'dryRun'", "wrong type")]
    [InlineData("""{ "filter": { "clusters": ["PROD" """, "not valid JSON", "line 1")]
    [InlineData("""[ "PROD" ]""", "JSON object", "body")]
    public async Task Post_InvalidRequest_Answers400NamingTheFieldAndCallsNothing(string body, string expected1, string expected2)
    {
        var response = await PostJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Contains(expected1, error, StringComparison.Ordinal);
        Assert.Contains(expected2, error, StringComparison.Ordinal);
        Assert.Empty(_app.Bulk.Previews);
        Assert.Empty(_app.Bulk.Starts);
    }

    [Fact]
    public async Task Post_SeveralProblems_AreAllNamedInOneAnswer()
    {
        var response = await PostJsonAsync(Path, """{ "filter": { "states": ["Runing"] }, "checkpointType": "Fast" }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Contains("filter.states", error, StringComparison.Ordinal);
        Assert.Contains("'checkpointType' must be one of", error, StringComparison.Ordinal);
        Assert.Contains("dryRun", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NoBody_Answers400SayingWhatToSend()
    {
        var response = await _client.PostAsync(new Uri(Path, UriKind.Relative), null, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'dryRun'", await ErrorOfAsync(response), StringComparison.Ordinal);
        Assert.Empty(_app.Bulk.Starts);
    }

    [Fact]
    public async Task Post_NotJson_Answers415()
    {
        using var content = new StringContent("""{ "vmIds": [], "checkpointType": "Production", "dryRun": false }""", Encoding.UTF8, "text/plain");

        var response = await _client.PostAsync(new Uri(Path, UriKind.Relative), content, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_app.Bulk.Starts);
    }

    [Theory]
    [InlineData("""{ "checkpointType": "Production", "dryRun": false }""")]
    [InlineData("""{ "filter": {}, "checkpointType": "Production", "dryRun": false }""")]
    [InlineData("""{ "filter": { "clusters": [], "hosts": [], "namePattern": " " }, "automaticCheckpoints": false, "dryRun": false }""")]
    [InlineData("""{ "filter": null, "checkpointType": "Production", "dryRun": true, "confirmAll": false }""")]
    public async Task Post_SelectingEveryVmWithoutConfirmAll_Answers400AskingForConfirmAll(string body)
    {
        var response = await PostJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Contains("every VM", error, StringComparison.Ordinal);
        Assert.Contains("\"confirmAll\": true", error, StringComparison.Ordinal);
        Assert.Empty(_app.Bulk.Previews);
        Assert.Empty(_app.Bulk.Starts);
    }

    [Fact]
    public async Task Post_SelectingEveryVmWithConfirmAll_StartsTheChange()
    {
        var response = await PostJsonAsync(Path, """{ "filter": {}, "checkpointType": "Production", "dryRun": false, "confirmAll": true }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(Assert.Single(_app.Bulk.Starts).Request.Selector.SelectsEverything);
    }

    [Theory]
    [InlineData(JobRejection.Invalid, false, HttpStatusCode.BadRequest)]
    [InlineData(JobRejection.Invalid, true, HttpStatusCode.BadRequest)]
    [InlineData(JobRejection.Conflict, false, HttpStatusCode.Conflict)]
    [InlineData(JobRejection.Forbidden, false, HttpStatusCode.Forbidden)]
    [InlineData(JobRejection.NotFound, false, HttpStatusCode.NotFound)]
    public async Task Post_ServiceRefuses_AnswersTheStatusOfTheReasonWithItsSentence(JobRejection reason, bool dryRun, HttpStatusCode expected)
    {
        _app.Bulk.Rejection = new JobRejectedException(reason, "Nothing to change: every selected VM is already Production.");

        var response = await PostJsonAsync(Path,
            $$"""{ "filter": { "clusters": ["PROD"] }, "checkpointType": "Production", "dryRun": {{(dryRun ? "true" : "false")}} }""");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("Nothing to change: every selected VM is already Production.", await ErrorOfAsync(response));
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task List_PassesTheLimitAndAnswersTheServicesBulkChanges()
    {
        var first = FakeBulkService.Bulk();
        var second = FakeBulkService.Bulk(state: BulkState.CompletedWithFailures);
        _app.Bulk.Bulks.AddRange([first, second]);

        var limited = await GetAsync("/api/v1/bulk?limit=5");
        var unlimited = await GetAsync("/api/v1/bulk");

        Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
        Assert.Equal([5, 50], _app.Bulk.ListLimits);
        using var json = await ReadJsonAsync(limited);
        Assert.Equal([first.Id, second.Id], json.RootElement.EnumerateArray().Select(b => b.GetProperty("id").GetGuid()));
        Assert.Equal("CompletedWithFailures", json.RootElement[1].GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("many")]
    public async Task List_BadLimit_Answers400NamingIt(string limit)
    {
        var response = await GetAsync($"/api/v1/bulk?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'limit'", await ErrorOfAsync(response), StringComparison.Ordinal);
        Assert.Empty(_app.Bulk.ListLimits);
    }

    [Fact]
    public async Task Get_KnownBulk_AnswersItsSummary()
    {
        var bulk = FakeBulkService.Bulk(total: 7) with { Succeeded = 3, Failed = 1, Pending = 3 };
        _app.Bulk.Bulks.Add(bulk);

        var response = await GetAsync($"/api/v1/bulk/{bulk.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadJsonAsync(response);
        Assert.Equal(bulk.Id, json.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(7, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("succeeded").GetInt32());
        Assert.Equal(57, json.RootElement.GetProperty("percent").GetInt32());
        Assert.Equal("cluster PROD", json.RootElement.GetProperty("selection").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/items")]
    [InlineData("/items.csv")]
    public async Task Reads_UnknownBulk_Answer404WithASentence(string suffix)
    {
        var id = Guid.NewGuid();

        var response = await GetAsync($"/api/v1/bulk/{id}{suffix}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"No bulk change with id {id} is known.", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task Items_AnswersEveryItemOrThoseOfTheStatusesAskedFor()
    {
        var bulk = FakeBulkService.Bulk();
        var failed = FakeBulkService.Item(bulk.Id, BulkItemStatus.Failed, "PRD-SQL01", "Access denied.");
        var done = FakeBulkService.Item(bulk.Id, BulkItemStatus.Succeeded);
        var unknown = FakeBulkService.Item(bulk.Id, BulkItemStatus.OutcomeUnknown, "PRD-APP03");
        _app.Bulk.Bulks.Add(bulk);
        _app.Bulk.Items[bulk.Id] = [failed, done, unknown];

        var all = await GetAsync($"/api/v1/bulk/{bulk.Id}/items");
        var some = await GetAsync($"/api/v1/bulk/{bulk.Id}/items?status=failed,OutcomeUnknown");

        using var allJson = await ReadJsonAsync(all);
        Assert.Equal([failed.VmId, done.VmId, unknown.VmId], allJson.RootElement.EnumerateArray().Select(i => i.GetProperty("vmId").GetGuid()));
        var first = allJson.RootElement[0];
        Assert.Equal("Failed", first.GetProperty("status").GetString());
        Assert.Equal("Standard", first.GetProperty("beforeType").GetString());
        Assert.True(first.GetProperty("beforeAutomatic").GetBoolean());
        Assert.Equal("Access denied.", first.GetProperty("detail").GetString());
        Assert.Equal(failed.JobId, first.GetProperty("jobId").GetGuid());
        using var someJson = await ReadJsonAsync(some);
        Assert.Equal([failed.VmId, unknown.VmId], someJson.RootElement.EnumerateArray().Select(i => i.GetProperty("vmId").GetGuid()));
    }

    [Theory]
    [InlineData("/items")]
    [InlineData("/items.csv")]
    public async Task Items_UnknownStatus_Answers400NamingIt(string suffix)
    {
        var bulk = FakeBulkService.Bulk();
        _app.Bulk.Bulks.Add(bulk);

        var response = await GetAsync($"/api/v1/bulk/{bulk.Id}{suffix}?status=Broken");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Contains("'status'", error, StringComparison.Ordinal);
        Assert.Contains("'Broken'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemsCsv_IsADownloadWithTheColumnsAndOneRowPerItem()
    {
        var bulk = FakeBulkService.Bulk();
        var failed = FakeBulkService.Item(bulk.Id, BulkItemStatus.Failed, "PRD-SQL01", "The host said \"no\",\r\nand stopped.");
        var skipped = FakeBulkService.Item(bulk.Id, BulkItemStatus.Skipped, "DEV01", "Replica VM.") with { Cluster = null };
        _app.Bulk.Bulks.Add(bulk);
        _app.Bulk.Items[bulk.Id] = [failed, skipped];

        var response = await GetAsync($"/api/v1/bulk/{bulk.Id}/items.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Matches(new Regex($@"^bulk-{bulk.Id:N}-\d{{8}}-\d{{6}}\.csv$"), disposition?.FileName);
        var rows = await ReadCsvAsync(response);
        Assert.Equal(s_itemColumns, rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal(
            ["PRD-SQL01", failed.VmId.ToString(), "PROD-HV01", "PROD", "Standard", "true", "Failed", "The host said \"no\",\r\nand stopped.",
                failed.JobId.ToString()!, "2026-11-24T12:02:00.000Z"],
            rows[1]);
        Assert.Equal(["DEV01", skipped.VmId.ToString(), "PROD-HV01", "", "Standard", "true", "Skipped", "Replica VM.", "", ""], rows[2]);
    }

    [Fact]
    public async Task ItemsCsv_ValuesAFormulaWouldStartWith_GetAnApostrophe()
    {
        var bulk = FakeBulkService.Bulk();
        _app.Bulk.Bulks.Add(bulk);
        _app.Bulk.Items[bulk.Id] = [FakeBulkService.Item(bulk.Id, BulkItemStatus.Failed, "=HYPERLINK(\"http://example.invalid\")", "+cmd|' /C calc'!A0")
            with { Host = "@host", Cluster = "-1+1" }];

        var row = (await ReadCsvAsync(await GetAsync($"/api/v1/bulk/{bulk.Id}/items.csv")))[1];

        Assert.Equal("'=HYPERLINK(\"http://example.invalid\")", row[0]);
        Assert.Equal("'@host", row[2]);
        Assert.Equal("'-1+1", row[3]);
        Assert.Equal("'+cmd|' /C calc'!A0", row[7]);
    }

    [Fact]
    public async Task Cancel_KnownBulk_Answers202WithTheCancelledBulk()
    {
        var bulk = FakeBulkService.Bulk();
        _app.Bulk.Bulks.Add(bulk);

        var response = await PostAsync($"/api/v1/bulk/{bulk.Id}/cancel");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((bulk.Id, "local"), Assert.Single(_app.Bulk.Cancellations));
        Assert.Equal($"/api/v1/bulk/{bulk.Id}", response.Headers.Location?.OriginalString);
        using var json = await ReadJsonAsync(response);
        Assert.Equal("Cancelled", json.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task RetryFailed_KnownBulk_Answers202WithTheNewBulkAndItsLocation()
    {
        var bulk = FakeBulkService.Bulk(state: BulkState.CompletedWithFailures);
        _app.Bulk.Bulks.Add(bulk);

        var response = await PostAsync($"/api/v1/bulk/{bulk.Id}/retry-failed");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((bulk.Id, "local"), Assert.Single(_app.Bulk.Retries));
        using var json = await ReadJsonAsync(response);
        var id = json.RootElement.GetProperty("id").GetGuid();
        Assert.NotEqual(bulk.Id, id);
        Assert.Equal(bulk.Id, json.RootElement.GetProperty("retryOf").GetGuid());
        Assert.Equal($"/api/v1/bulk/{id}", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/cancel")]
    [InlineData("/retry-failed")]
    public async Task Actions_UnknownBulk_Answer404(string action)
    {
        var response = await PostAsync($"/api/v1/bulk/{Guid.NewGuid()}{action}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("No bulk change", await ErrorOfAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/cancel", JobRejection.Conflict, HttpStatusCode.Conflict)]
    [InlineData("/retry-failed", JobRejection.Invalid, HttpStatusCode.BadRequest)]
    [InlineData("/retry-failed", JobRejection.Forbidden, HttpStatusCode.Forbidden)]
    public async Task Actions_ServiceRefuses_AnswerTheStatusOfTheReason(string action, JobRejection reason, HttpStatusCode expected)
    {
        var bulk = FakeBulkService.Bulk(state: BulkState.Completed);
        _app.Bulk.Bulks.Add(bulk);
        _app.Bulk.Rejection = new JobRejectedException(reason, "The bulk change has finished.");

        var response = await PostAsync($"/api/v1/bulk/{bulk.Id}{action}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("The bulk change has finished.", await ErrorOfAsync(response));
    }

    private Task<HttpResponseMessage> GetAsync(string path) =>
        _client.GetAsync(new Uri(path, UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

    private Task<HttpResponseMessage> PostAsync(string path) =>
        _client.PostAsync(new Uri(path, UriKind.Relative), null, Token).WaitAsync(TestTimeouts.Long, Token);

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string json)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
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

    /// <summary>Reads the CSV back with CsvHelper, header first; also checks the UTF-8 byte order mark Excel needs.</summary>
    private static async Task<List<string[]>> ReadCsvAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var reader = CsvReader.Create(bytes);
        List<string[]> rows = [[.. reader.Headers]];
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }
}
