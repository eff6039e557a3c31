using CheckpointDashboard.Shared.Inventory;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace CheckpointDashboard.Tests.E2E;

/// <summary>
/// An operator creates a checkpoint in the browser, watches its job reach 100% and the checkpoint appear in the tree,
/// then deletes it and watches the merge complete. Real app, real Chromium, the simulated fleet over WS-Management.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class CheckpointOperationsTests(E2EFixture fixture)
{
    [Fact]
    public async Task CreateThenDelete_ProgressReachesTheEndAndTheTreeFollows()
    {
        var vm = fixture.Inventory.Current.Vms.First(v =>
            v.Stats.Count == 0 && v.State == VmState.Running && v.StaleSince is null && v.Replication == ReplicationMode.None &&
            v.CheckpointType is CheckpointType.Production or CheckpointType.Standard);
        var page = await fixture.OpenAsync($"/vms/{vm.Id}");
        const string name = "E2E before patching";

        // Create.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create checkpoint" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create checkpoint" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Checkpoint name").FillAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create checkpoint" }).ClickAsync();

        var progress = page.GetByRole(AriaRole.Progressbar, new() { Name = $"Progress of Create checkpoint on {vm.Name}" });
        await Expect(progress).ToBeVisibleAsync();
        var operations = page.Locator("[data-testid=vm-jobs]");
        await Expect(operations).ToContainTextAsync("Completed", new() { Timeout = 60_000 });
        var node = page.Locator(".mud-treeview-item-label", new() { HasText = name });
        await Expect(node).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Delete it again and follow the merge.
        await page.Locator(".mud-treeview-item-content", new() { HasText = name }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete checkpoint" });
        await Expect(confirm).ToBeVisibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete checkpoint" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = $"Progress of Delete checkpoint on {vm.Name}" })).ToBeVisibleAsync();
        await Expect(operations.Locator("[data-testid=job-outcome]").First).ToContainTextAsync("Delete checkpoint", new() { Timeout = 60_000 });
        await Expect(operations.Locator("[data-testid=job-outcome]").First).ToContainTextAsync("Completed");
        await Expect(node).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }
}
