using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Tests.Unit.TestSupport;
using CsvHelper;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Api;

/// <summary>The audit endpoints of the real app, over a fake audit log.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed class AuditApiTests : IClassFixture<JobsAppFixture>, IDisposable
{
    private static readonly string[] s_columns = ["at", "user", "action", "outcome", "vm", "vmId", "host", "target", "parameters", "detail", "jobId"];

    private readonly JobsAppFixture _app;
    private readonly HttpClient _client;

    public AuditApiTests(JobsAppFixture app)
    {
        _app = app;
        _app.Reset();
        _client = app.App.CreateClient();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("/api/v1/audit")]
    [InlineData("/api/v1/audit.csv")]
    public async Task Audit_WithFilters_PassesThemToTheLog(string path)
    {
        var response = await GetAsync(path + "?user=alice&action=DeleteCheckpoint&outcome=Failed&search=HV01" +
            "&since=2026-11-01&until=2026-11-24T18:00:00%2B01:00&limit=250");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var query = Assert.Single(_app.Audit.Queries);
        Assert.Equal(new AuditQuery
        {
            User = "alice",
            Action = "DeleteCheckpoint",
            Outcome = "Failed",
            Search = "HV01",
            Since = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.FromHours(1)),
            Limit = 250,
        }, query);
    }

    [Fact]
    public async Task Audit_NoFilters_AsksForTheDefaultLimit()
    {
        var response = await GetAsync("/api/v1/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new AuditQuery(), Assert.Single(_app.Audit.Queries));
    }

    [Theory]
    [InlineData("/api/v1/audit?since=last-week", "'since'")]
    [InlineData("/api/v1/audit.csv?until=2026-13-01", "'until'")]
    [InlineData("/api/v1/audit?limit=0", "'limit'")]
    [InlineData("/api/v1/audit.csv?since=2026-11-02&until=2026-11-01", "later than 'until'")]
    public async Task Audit_BadFilter_Answers400NamingIt(string path, string expected)
    {
        var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains(expected, problem.GetProperty("error").GetString());
        Assert.Empty(_app.Audit.Queries);
    }

    [Fact]
    public async Task Audit_Json_ReturnsTheEntriesInCamelCase()
    {
        var entry = Entry();
        _app.Audit.Entries.Add(entry);

        var response = await GetAsync("/api/v1/audit");

        var only = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Token)).EnumerateArray());
        Assert.Equal("alice", only.GetProperty("user").GetString());
        Assert.Equal("DeleteCheckpoint", only.GetProperty("action").GetString());
        Assert.Equal(entry.VmId, only.GetProperty("vmId").GetGuid());
        Assert.Equal(entry.JobId, only.GetProperty("jobId").GetGuid());
        Assert.Equal(entry.At, only.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task AuditCsv_IsADownloadWithTheColumnsAndOneRowPerEntry()
    {
        var entry = Entry();
        var bare = new AuditEntry { At = entry.At.AddMinutes(-5), User = "local", Action = "SignIn", Outcome = "Completed" };
        _app.Audit.Entries.AddRange([entry, bare]);

        var response = await GetAsync("/api/v1/audit.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Matches(new Regex(@"^audit-\d{8}-\d{6}\.csv$"), disposition?.FileName);
        var rows = await ReadCsvAsync(response);
        Assert.Equal(s_columns, rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal(
            ["2026-11-24T11:00:00.250Z", "alice", "DeleteCheckpoint", "Failed", "SQL01", entry.VmId.ToString()!, "HV01", "Before patch",
                "subtree=true; merge=yes", "The host said \"no\",\r\nand then stopped.", entry.JobId.ToString()!],
            rows[1]);
        Assert.Equal(["2026-11-24T10:55:00.250Z", "local", "SignIn", "Completed", "", "", "", "", "", "", ""], rows[2]);
    }

    [Fact]
    public async Task AuditCsv_ValuesAFormulaWouldStartWith_GetAnApostrophe()
    {
        _app.Audit.Entries.Add(Entry() with
        {
            User = "@admin",
            Target = "=HYPERLINK(\"http://example.invalid\",\"click\")",
            Parameters = "+cmd|' /C calc'!A0",
            Detail = "-2+3",
            VmName = "a=b stays",
        });

        var response = await GetAsync("/api/v1/audit.csv");

        var row = (await ReadCsvAsync(response))[1];
        Assert.Equal("'@admin", row[1]);
        Assert.Equal("'=HYPERLINK(\"http://example.invalid\",\"click\")", row[7]);
        Assert.Equal("'+cmd|' /C calc'!A0", row[8]);
        Assert.Equal("'-2+3", row[9]);
        Assert.Equal("a=b stays", row[4]);
    }

    private static AuditEntry Entry() => new()
    {
        Id = 7,
        At = new DateTimeOffset(2026, 11, 24, 12, 0, 0, 250, TimeSpan.FromHours(1)),
        User = "alice",
        Action = "DeleteCheckpoint",
        VmId = Guid.NewGuid(),
        VmName = "SQL01",
        Host = "HV01",
        Target = "Before patch",
        Parameters = "subtree=true; merge=yes",
        Outcome = "Failed",
        Detail = "The host said \"no\",\r\nand then stopped.",
        JobId = Guid.NewGuid(),
    };

    private Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(new Uri(path, UriKind.Relative), Token);

    /// <summary>Reads the CSV back with CsvHelper, header first; also checks the UTF-8 byte order mark Excel needs.</summary>
    private static async Task<List<string[]>> ReadCsvAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
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
