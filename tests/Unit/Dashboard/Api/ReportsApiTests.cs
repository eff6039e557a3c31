using System.Net;
using System.Text;
using System.Text.Json;
using CheckpointDashboard.Tests.Unit.TestSupport;
using ClosedXML.Excel;
using CsvHelper;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Api;

/// <summary>The report endpoints of the real app over its simulated fleet.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed class ReportsApiTests(ReportsAppFixture app) : IClassFixture<ReportsAppFixture>
{
    private const string Path = "/api/v1/reports/checkpoints";

    private static readonly string[] s_firstColumns = ["vm", "host", "cluster", "checkpoint", "kind", "created", "ageDays", "depth", "sizeBytes", "findings"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checkpoints_Json_HasFindingsRollUpsHistogramTopAndRows()
    {
        using var json = await GetJsonAsync(Path);
        var root = json.RootElement;

        Assert.True(root.GetProperty("findings").GetArrayLength() > 0);
        Assert.True(root.GetProperty("rows").GetArrayLength() > 0);
        Assert.Equal("Fleet", root.GetProperty("fleet").GetProperty("name").GetString());
        Assert.Equal(root.GetProperty("rows").GetArrayLength(), root.GetProperty("fleet").GetProperty("checkpoints").GetInt32());
        Assert.Contains(root.GetProperty("byCluster").EnumerateArray(), c => c.GetProperty("cluster").ValueKind == JsonValueKind.String);
        Assert.True(root.GetProperty("byHost").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("byStorage").ValueKind);
        Assert.Equal(6, root.GetProperty("ageHistogram").GetArrayLength());
        Assert.True(root.GetProperty("topByBytes").GetArrayLength() > 0);
        var severity = root.GetProperty("findings")[0].GetProperty("severity").GetString();
        Assert.True(severity is "Info" or "Warning" or "Critical", severity);

        using var withoutRows = await GetJsonAsync(Path + "?rows=false");
        Assert.Equal(JsonValueKind.Null, withoutRows.RootElement.GetProperty("rows").ValueKind);
    }

    [Fact]
    public async Task Checkpoints_ClusterAndSeverityFilters_NarrowRowsAndFindings()
    {
        using var all = await GetJsonAsync(Path);
        var cluster = all.RootElement.GetProperty("byCluster").EnumerateArray()
            .First(c => c.GetProperty("cluster").ValueKind == JsonValueKind.String && c.GetProperty("checkpoints").GetInt32() > 0)
            .GetProperty("cluster").GetString()!;

        using var filtered = await GetJsonAsync($"{Path}?cluster={Uri.EscapeDataString(cluster)}&severity=critical");
        var rows = filtered.RootElement.GetProperty("rows").EnumerateArray().ToList();

        Assert.NotEmpty(rows);
        Assert.True(rows.Count < all.RootElement.GetProperty("rows").GetArrayLength());
        Assert.All(rows, r => Assert.Equal(cluster, r.GetProperty("cluster").GetString()));
        Assert.All(filtered.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal("Critical", f.GetProperty("severity").GetString()));
    }

    [Fact]
    public async Task Csv_HasTheColumns_AndTheSameRowsAsTheJson_ForTheSameFilter()
    {
        const string filter = "?rule=age,depth&onlyFindings=true";
        using var json = await GetJsonAsync(Path + filter);
        var response = await app.Client.GetAsync($"{Path}.csv{filter}", Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"attachment; filename=checkpoints-\d{4}-\d{2}-\d{2}\.csv", response.Content.Headers.ContentDisposition!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync(Token).WaitAsync(TestTimeouts.Long, Token);
        using var reader = CsvReader.Create(bytes);
        Assert.Equal(s_firstColumns, reader.Headers.Take(10));
        var csv = new List<(string, string, string)>();
        while (reader.Read())
        {
            csv.Add((reader.GetString(0), reader.GetString(3), reader.GetString(9)));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", reader.GetString(5));
        }

        var rows = json.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("vm").GetString()!, r.GetProperty("checkpoint").GetString()!,
                string.Join(';', r.GetProperty("findings").EnumerateArray().Select(f => f.GetString())))).ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Select(r => (Escape(r.Item1), Escape(r.Item2), r.Item3)), csv);
    }

    [Fact]
    public async Task Xlsx_OpensWithEverySheet_AndTheJsonsRowCount()
    {
        using var json = await GetJsonAsync(Path);
        var response = await app.Client.GetAsync($"{Path}.xlsx", Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"checkpoints-\d{4}-\d{2}-\d{2}\.xlsx", response.Content.Headers.ContentDisposition!.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Token).WaitAsync(TestTimeouts.Long, Token));
        using var workbook = new XLWorkbook(stream);
        Assert.Equal(["Checkpoints", "Findings", "By cluster", "By host", "By storage"], workbook.Worksheets.Select(w => w.Name));
        var sheet = workbook.Worksheet("Checkpoints");
        Assert.Equal(s_firstColumns, Enumerable.Range(1, 10).Select(c => sheet.Cell(1, c).GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal(json.RootElement.GetProperty("rows").GetArrayLength(), sheet.LastRowUsed().RowNumber() - 1);
        Assert.Equal(json.RootElement.GetProperty("findings").GetArrayLength(), workbook.Worksheet("Findings").LastRowUsed().RowNumber() - 1);
    }

    [Theory]
    [InlineData("?severity=Severe", "'severity'")]
    [InlineData("?rule=ages", "'rule' has the unknown value 'ages'")]
    [InlineData("?clusters=PROD", "'clusters' is not known")]
    [InlineData("?onlyFindings=yes", "'onlyFindings' must be true or false")]
    [InlineData("?rows=1", "'rows' must be true or false")]
    public async Task BadQuery_Is400NamingTheParameter_ForJsonCsvAndXlsx(string query, string expected)
    {
        foreach (var format in new[] { "", ".csv", ".xlsx" })
        {
            var response = await app.Client.GetAsync($"{Path}{format}{query}", Token).WaitAsync(TestTimeouts.Long, Token);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rules_PutValid_SavesAVersion_PutInvalid_Is400NamingTheField()
    {
        using var before = await GetJsonAsync("/api/v1/reports/rules");
        Assert.Equal(TimeSpan.FromDays(7).ToString(), before.RootElement.GetProperty("rules").GetProperty("ageWarning").GetString());

        var put = await PutAsync("""{ "ageWarning": "3.00:00:00", "rules": { "depth": { "enabled": true, "severity": "Critical" } } }""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var saved = JsonDocument.Parse(await put.Content.ReadAsStringAsync(Token));
        Assert.Equal("Store", saved.RootElement.GetProperty("source").GetString());
        Assert.True(saved.RootElement.GetProperty("version").GetInt32() >= 1);
        Assert.Equal("local", saved.RootElement.GetProperty("updatedBy").GetString());
        using var report = await GetJsonAsync(Path + "?rule=depth&rows=false");
        Assert.All(report.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal("Critical", f.GetProperty("severity").GetString()));

        var bad = await PutAsync("""{ "ageWarning": "00:00:00", "topOffenders": 0 }""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync(Token);
        Assert.Contains("AgeWarning must be more than zero", text, StringComparison.Ordinal);
        Assert.Contains("TopOffenders", text, StringComparison.Ordinal);

        var unknown = await PutAsync("""{ "ageWarnings": "1.00:00:00" }""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'ageWarnings' is not known", await unknown.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PutAsync("{}")).StatusCode);
    }

    [Fact]
    public async Task Rules_PutWithAStaleExpectedVersion_Is409AndSavesNothing()
    {
        using var current = await GetJsonAsync("/api/v1/reports/rules");
        var version = current.RootElement.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("""{ "maxChainDepth": 4 }""", $"?expectedVersion={version}")).StatusCode);

        var stale = await PutAsync("""{ "maxChainDepth": 9 }""", $"?expectedVersion={version}");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains($"you edited version {version}", await stale.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var after = await GetJsonAsync("/api/v1/reports/rules");
        Assert.Equal(4, after.RootElement.GetProperty("rules").GetProperty("maxChainDepth").GetInt32());
        Assert.Equal(version + 1, after.RootElement.GetProperty("version").GetInt32());
        var bad = await PutAsync("{}", "?expectedVersion=latest");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'expectedVersion'", await bad.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_AnswersSamplesAndSeries_AndRefusesBadDays()
    {
        using var json = await GetJsonAsync("/api/v1/reports/history?days=7");
        Assert.Equal(7, json.RootElement.GetProperty("days").GetInt32());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("samples").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("fleet").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("clusters").ValueKind);

        var bad = await app.Client.GetAsync("/api/v1/reports/history?days=0", Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'days'", await bad.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_Post_WritesTheFilesAndSaysSo()
    {
        var response = await app.Client.PostAsync("/api/v1/reports/digest", null, Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var files = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.True(File.Exists(f), f));
        Assert.All(files, f => Assert.StartsWith(app.App.DataDirectory, f, StringComparison.Ordinal));
        Assert.Empty(json.RootElement.GetProperty("webhooks").EnumerateArray());
    }

    /// <summary>CsvHelper's injection escape puts an apostrophe before a leading =, +, - or @.</summary>
    private static string Escape(string value) => value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        var response = await app.Client.GetAsync(path, Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token).WaitAsync(TestTimeouts.Long, Token));
    }

    private async Task<HttpResponseMessage> PutAsync(string body, string query = "") =>
        await app.Client.PutAsync("/api/v1/reports/rules" + query, new StringContent(body, Encoding.UTF8, "application/json"), Token)
            .WaitAsync(TestTimeouts.Long, Token);
}

/// <summary>One real app for the report API tests, its fleet read once.</summary>
public sealed class ReportsAppFixture : IAsyncLifetime
{
    internal DashboardFactory App { get; } = new();

    internal HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Client = App.CreateClient();
        await App.WaitForFirstReadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
