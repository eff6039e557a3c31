using System.Net;
using System.Text.Json;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Api;

/// <summary>The inventory API of the real app on its simulated fleet.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed class InventoryApiTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();

    public async ValueTask InitializeAsync() => await _factory.WaitForFirstReadAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Healthz_WhenUp_Answers200()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetVms_ReturnsTheWholeInventoryInCamelCase()
    {
        using var client = _factory.CreateClient();

        using var json = await GetJsonAsync(client, "/api/v1/vms");

        var vms = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(_factory.Inventory.Current.Vms.Length, vms.Count);
        Assert.True(vms.Count > 200);
        var first = vms[0];
        foreach (var field in new[] { "id", "name", "host", "cluster", "state", "checkpointType", "checkpointCount" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"VM JSON lacks '{field}': {first}");
        }

        Assert.Contains(vms, v => v.GetProperty("checkpointType").GetString() == "Standard");
        Assert.Contains(vms, v => v.GetProperty("cluster").ValueKind == JsonValueKind.Null);
        Assert.Contains(vms, v => v.GetProperty("cluster").GetString() == "PROD");
        Assert.Equal(vms.Count, vms.Select(v => v.GetProperty("id").GetGuid()).Distinct().Count());
    }

    [Fact]
    public async Task GetCheckpoints_ReturnsEveryCheckpointWithItsVmAndSize()
    {
        using var client = _factory.CreateClient();

        using var json = await GetJsonAsync(client, "/api/v1/checkpoints");

        var checkpoints = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(_factory.Inventory.Current.Totals.Checkpoints, checkpoints.Count);
        var vmIds = _factory.Inventory.Current.Vms.Select(v => v.Id).ToHashSet();
        foreach (var checkpoint in checkpoints)
        {
            foreach (var field in new[] { "id", "vmId", "name", "parentId", "created", "kind", "sizeBytes" })
            {
                Assert.True(checkpoint.TryGetProperty(field, out _), $"checkpoint JSON lacks '{field}': {checkpoint}");
            }

            Assert.Contains(checkpoint.GetProperty("vmId").GetGuid(), vmIds);
        }

        Assert.Contains(checkpoints, c => c.GetProperty("kind").GetString() == "Recovery");
        Assert.Contains(checkpoints, c => c.GetProperty("parentId").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task GetVm_UnknownId_Answers404WithAMessage()
    {
        using var client = _factory.CreateClient();
        var id = Guid.NewGuid();

        var response = await client.GetAsync(new Uri($"/api/v1/vms/{id}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(id.ToString(), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), cancellationToken: TestContext.Current.CancellationToken);
    }
}
