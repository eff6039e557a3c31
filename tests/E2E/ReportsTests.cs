using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace CheckpointDashboard.Tests.E2E;

/// <summary>
/// An auditor opens the report, narrows it to one cluster with the filter, downloads the CSV and gets exactly the
/// checkpoints the API reports for that cluster. Real app, real Chromium, the simulated fleet over WS-Management.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ReportsTests(E2EFixture fixture)
{
    [Fact]
    public async Task FilterByCluster_DownloadCsv_RowsMatchTheApi()
    {
        var page = await fixture.OpenAsync("/reports");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Checkpoint report" })).ToBeVisibleAsync();

        await page.Locator("[data-testid=filter-cluster]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "PROD", Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("cluster=PROD"));
        var csvLink = page.Locator("[data-testid=export-csv]");
        await Expect(csvLink).ToHaveAttributeAsync("href", "/api/v1/reports/checkpoints.csv?cluster=PROD");

        var download = await page.RunAndWaitForDownloadAsync(() => csvLink.ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        var csvRows = ReadCsv(path);

        var api = await page.APIRequest.GetAsync("/api/v1/reports/checkpoints?cluster=PROD");
        Assert.True(api.Ok, $"GET /api/v1/reports/checkpoints answered {api.Status}");
        using var json = JsonDocument.Parse(await api.TextAsync());
        var apiRows = json.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => (
                Vm: r.GetProperty("vm").GetString()!,
                Host: r.GetProperty("host").GetString()!,
                Cluster: r.GetProperty("cluster").GetString() ?? string.Empty,
                Checkpoint: r.GetProperty("checkpoint").GetString()!,
                Depth: r.GetProperty("depth").GetInt32(),
                SizeBytes: r.GetProperty("sizeBytes").GetInt64()))
            .ToList();

        Assert.NotEmpty(apiRows);
        Assert.All(apiRows, r => Assert.Equal("PROD", r.Cluster));
        Assert.Equal(apiRows.Order(), csvRows.Order());
        var prodCheckpoints = fixture.Inventory.Current.Vms.Where(v => v.Cluster == "PROD").Sum(v => v.Checkpoints.Length);
        Assert.Equal(prodCheckpoints, csvRows.Count);
        await page.Context.CloseAsync();
    }

    private static List<(string Vm, string Host, string Cluster, string Checkpoint, int Depth, long SizeBytes)> ReadCsv(string path)
    {
        using var reader = CsvReader.Create(File.ReadAllBytes(path));
        var headers = reader.Headers.ToList();
        Assert.Equal(["vm", "host", "cluster", "checkpoint", "kind", "created", "ageDays", "depth", "sizeBytes", "findings"], headers.Take(10));
        var rows = new List<(string, string, string, string, int, long)>();
        while (reader.Read())
        {
            string Field(string name) => reader.GetString(headers.IndexOf(name));
            rows.Add((Field("vm"), Field("host"), Field("cluster"), Field("checkpoint"),
                int.Parse(Field("depth"), CultureInfo.InvariantCulture), long.Parse(Field("sizeBytes"), CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
