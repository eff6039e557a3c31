using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Policies;
using CheckpointDashboard.Tests.Unit.TestSupport;
using CsvHelper;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Api;

/// <summary>
/// <c>GET /api/v1/policies/compliance</c> of the real app: its simulated fleet evaluated against policies from a fake
/// store. The fleet is read from the answer itself, so the assertions hold for whatever the simulator generated.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class ComplianceApiTests : IClassFixture<BulkAppFixture>, IDisposable
{
    private static readonly string[] s_columns = ["vm", "vmId", "host", "cluster", "status", "policy", "reason"];

    private readonly BulkAppFixture _app;
    private readonly HttpClient _client;
    private readonly CheckpointPolicy _prod = new()
    {
        Id = Guid.NewGuid(),
        Name = "PROD uses Production",
        Scope = new VmSelector { Clusters = ["PROD"] },
        Target = new CheckpointSettingsTarget(CheckpointType.Production, null),
        Priority = 100,
    };

    public ComplianceApiTests(BulkAppFixture app)
    {
        _app = app;
        _app.Reset();
        _client = app.App.CreateClient();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Compliance_NoPolicies_EveryVmHasNoPolicy()
    {
        var report = await GetReportAsync("/api/v1/policies/compliance");

        var vms = Vms(report);
        Assert.Equal(_app.App.Inventory.Current.Vms.Length, vms.Count);
        Assert.NotEmpty(vms);
        Assert.All(vms, v => Assert.Equal("NoPolicy", v.GetProperty("status").GetString()));
        Assert.Equal(vms.Count, report.GetProperty("fleet").GetProperty("noPolicy").GetInt32());
        Assert.Empty(report.GetProperty("byPolicy").EnumerateArray());
    }

    [Fact]
    public async Task Compliance_PolicyOverProd_GovernsExactlyProdAndTheCountsAddUpToTheFleet()
    {
        _app.Policies.Add(_prod);

        var report = await GetReportAsync("/api/v1/policies/compliance");

        var vms = Vms(report);
        var fleet = report.GetProperty("fleet");
        Assert.Equal(vms.Count, Count(fleet, "compliant") + Count(fleet, "nonCompliant") + Count(fleet, "unknown") + Count(fleet, "noPolicy"));
        var prod = vms.Where(v => v.GetProperty("cluster").GetString() == "PROD").ToList();
        var others = vms.Except(prod).ToList();
        Assert.NotEmpty(prod);
        Assert.NotEmpty(others);
        Assert.All(prod, v =>
        {
            Assert.Equal(_prod.Id, v.GetProperty("policyId").GetGuid());
            Assert.Equal(_prod.Name, v.GetProperty("policyName").GetString());
            Assert.Contains($"'{_prod.Name}'", v.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.NotEqual("NoPolicy", v.GetProperty("status").GetString());
        });
        Assert.All(others, v => Assert.Equal("NoPolicy", v.GetProperty("status").GetString()));
        var byPolicy = Assert.Single(report.GetProperty("byPolicy").EnumerateArray());
        Assert.Equal(_prod.Name, byPolicy.GetProperty("name").GetString());
        Assert.Equal(prod.Count, byPolicy.GetProperty("governed").GetInt32());
        var prodCount = report.GetProperty("byCluster").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "PROD");
        Assert.Equal(0, Count(prodCount, "noPolicy"));
        Assert.Equal(prod.Count, prodCount.GetProperty("governed").GetInt32());
        Assert.Equal(vms.Count, report.GetProperty("byHost").EnumerateArray().Sum(h => Count(h, "compliant") + Count(h, "nonCompliant") +
            Count(h, "unknown") + Count(h, "noPolicy")));
    }

    [Fact]
    public async Task Compliance_ANonCompliantVm_SaysWhatIsWrongAndWhichPolicyWantsIt()
    {
        _app.Policies.Add(_prod);

        var report = await GetReportAsync("/api/v1/policies/compliance?status=NonCompliant");

        // The simulator gives PROD a mix of types, so some PROD VMs are not Production.
        var vm = Vms(report).First();
        var reason = vm.GetProperty("reason").GetString()!;
        Assert.Matches(new Regex("^is (Standard|Disabled|ProductionOnly|Unknown), should be Production|^should be Production but"), reason);
        Assert.EndsWith($"('{_prod.Name}').", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_StatusFilter_NarrowsTheVmsButNotTheCounts()
    {
        _app.Policies.Add(_prod);
        var all = await GetReportAsync("/api/v1/policies/compliance");

        var nonCompliant = await GetReportAsync("/api/v1/policies/compliance?status=noncompliant");
        var two = await GetReportAsync("/api/v1/policies/compliance?status=Compliant&status=NoPolicy");
        var comma = await GetReportAsync("/api/v1/policies/compliance?status=Compliant,NoPolicy");

        var fleet = all.GetProperty("fleet");
        Assert.Equal(fleet.GetRawText(), nonCompliant.GetProperty("fleet").GetRawText());
        Assert.Equal(all.GetProperty("byCluster").GetRawText(), nonCompliant.GetProperty("byCluster").GetRawText());
        Assert.Equal(Count(fleet, "nonCompliant"), Vms(nonCompliant).Count);
        Assert.True(Vms(nonCompliant).Count > 0);
        Assert.All(Vms(nonCompliant), v => Assert.Equal("NonCompliant", v.GetProperty("status").GetString()));
        Assert.Equal(Count(fleet, "compliant") + Count(fleet, "noPolicy"), Vms(two).Count);
        Assert.Equal(Ids(two), Ids(comma));
        Assert.All(Vms(two), v => Assert.Contains(v.GetProperty("status").GetString(), (string[])["Compliant", "NoPolicy"]));
    }

    [Fact]
    public async Task Compliance_ClusterHostAndPolicyFilters_NarrowTheVms()
    {
        _app.Policies.Add(_prod);
        var all = Vms(await GetReportAsync("/api/v1/policies/compliance"));
        var host = all.First(v => v.GetProperty("cluster").GetString() == "PROD").GetProperty("host").GetString()!;

        var byCluster = Vms(await GetReportAsync("/api/v1/policies/compliance?cluster=prod"));
        var byHost = Vms(await GetReportAsync($"/api/v1/policies/compliance?host={host.ToLowerInvariant()}"));
        var byPolicy = Vms(await GetReportAsync($"/api/v1/policies/compliance?policyId={_prod.Id}"));
        var standalone = Vms(await GetReportAsync("/api/v1/policies/compliance?cluster=(standalone)"));

        var prodIds = all.Where(v => v.GetProperty("cluster").GetString() == "PROD").Select(Id).ToHashSet();
        Assert.Equal(prodIds, byCluster.Select(Id).ToHashSet());
        Assert.Equal(prodIds, byPolicy.Select(Id).ToHashSet());
        Assert.NotEmpty(byHost);
        Assert.All(byHost, v => Assert.Equal(host, v.GetProperty("host").GetString()));
        Assert.Equal(all.Count(v => v.GetProperty("host").GetString() == host), byHost.Count);
        Assert.Equal(all.Count(v => v.GetProperty("cluster").ValueKind == JsonValueKind.Null), standalone.Count);
        Assert.All(standalone, v => Assert.Equal(JsonValueKind.Null, v.GetProperty("cluster").ValueKind));
    }

    [Fact]
    public async Task Compliance_DisabledPolicy_GovernsNothing()
    {
        _app.Policies.Add(_prod with { Enabled = false });

        var report = await GetReportAsync("/api/v1/policies/compliance");

        Assert.All(Vms(report), v => Assert.Equal("NoPolicy", v.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("status=Broken", "'status'")]
    [InlineData("policyId=prod", "'policyId'")]
    public async Task Compliance_BadFilter_Answers400NamingIt(string query, string expected)
    {
        foreach (var path in (string[])["/api/v1/policies/compliance", "/api/v1/policies/compliance.csv"])
        {
            var response = await GetAsync($"{path}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token).WaitAsync(TestTimeouts.Long, Token);
            Assert.Contains(expected, problem.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ComplianceCsv_IsADownloadWithOneRowPerVm()
    {
        _app.Policies.Add(_prod);
        var vms = Vms(await GetReportAsync("/api/v1/policies/compliance"));

        var response = await GetAsync("/api/v1/policies/compliance.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(new Regex(@"^compliance-\d{8}-\d{6}\.csv$"), response.Content.Headers.ContentDisposition?.FileName);
        var rows = await ReadCsvAsync(response);
        Assert.Equal(s_columns, rows[0]);
        Assert.Equal(vms.Count + 1, rows.Count);
        var governed = vms.First(v => v.GetProperty("cluster").GetString() == "PROD");
        var row = rows.Single(r => r[1] == Id(governed).ToString());
        Assert.Equal(
            [governed.GetProperty("vmName").GetString()!, Id(governed).ToString(), governed.GetProperty("host").GetString()!, "PROD",
                governed.GetProperty("status").GetString()!, _prod.Name, governed.GetProperty("reason").GetString()!],
            row);
        var ungoverned = rows.First(r => r[4] == "NoPolicy");
        Assert.Equal(["", "No policy applies."], ungoverned[5..]);
    }

    [Fact]
    public async Task ComplianceCsv_TakesTheFilters()
    {
        _app.Policies.Add(_prod);

        var rows = await ReadCsvAsync(await GetAsync("/api/v1/policies/compliance.csv?status=NoPolicy"));

        Assert.True(rows.Count > 1);
        Assert.All(rows.Skip(1), r => Assert.Equal("NoPolicy", r[4]));
    }

    private static List<JsonElement> Vms(JsonElement report) => [.. report.GetProperty("vms").EnumerateArray()];

    private static Guid Id(JsonElement vm) => vm.GetProperty("vmId").GetGuid();

    private static List<Guid> Ids(JsonElement report) => [.. Vms(report).Select(Id)];

    private static int Count(JsonElement count, string status) => count.GetProperty(status).GetInt32();

    private Task<HttpResponseMessage> GetAsync(string path) =>
        _client.GetAsync(new Uri(path, UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

    private async Task<JsonElement> GetReportAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.True(report.TryGetProperty("at", out _));
        return report;
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
