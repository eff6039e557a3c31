using System.Globalization;
using System.Text.RegularExpressions;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace CheckpointDashboard.Tests.E2E;

/// <summary>
/// An admin saves a policy ("these VMs must use Production checkpoints"), sees its VMs non-compliant, selects them on
/// the bulk page by a name filter, previews, applies, watches every VM's result arrive, and sees compliance turn green.
/// Real app, real Chromium, the simulated fleet over WS-Management.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class BulkAndPoliciesTests(E2EFixture fixture)
{
    [Fact]
    public async Task PolicyThenBulkByFilter_PreviewApplyProgressAndComplianceTurnsGreen()
    {
        // Three VMs the change can reach, none on Production yet; a regex of their exact names is the filter.
        var vms = fixture.Inventory.Current.Vms
            .Where(v => v.StaleSince is null && v.Replication == ReplicationMode.None && v.SupportsCheckpointTypes &&
                        v.CheckpointType == CheckpointType.Standard && !v.Name.Contains("DC", StringComparison.OrdinalIgnoreCase))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .Take(3)
            .ToList();
        Assert.Equal(3, vms.Count);
        var pattern = $"^({string.Join("|", vms.Select(v => Regex.Escape(v.Name)))})$";
        const string PolicyName = "E2E: these three use Production";

        // 1. The policy, saved through its editor.
        var page = await fixture.OpenAsync("/policies");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add policy" }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Dialog, new() { Name = "Add policy" });
        await Expect(editor).ToBeVisibleAsync();
        await editor.Locator("#policy-display-name").FillAsync(PolicyName);
        await editor.GetByText("Regex").ClickAsync();
        await editor.Locator("#policy-name-pattern").FillAsync(pattern);
        await editor.Locator("#policy-name-pattern").PressAsync("Tab");
        await Expect(editor.Locator("[data-testid=policy-matches]")).ToContainTextAsync("Matches 3 of");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Expect(editor).ToBeHiddenAsync();
        var row = page.Locator("[data-testid=policy-row]", new() { HasText = PolicyName });
        await Expect(row.Locator("[data-testid=policy-compliance]")).ToContainTextAsync("0 compliant · 3 non-compliant");

        // 2. The bulk change, selected by the same filter.
        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bulk checkpoint settings" })).ToBeVisibleAsync();
        await page.GetByText("Regex").ClickAsync();
        await page.Locator("#bulk-name-pattern").FillAsync(pattern);
        await page.Locator("#bulk-name-pattern").PressAsync("Tab");
        await Expect(page.Locator("[data-testid=selection-words]")).ToContainTextAsync("name matches /");
        await page.GetByRole(AriaRole.Button, new() { Name = "3. Preview" }).ClickAsync();

        await Expect(page.Locator("[data-testid=preview-summary]")).ToContainTextAsync("3 of 3 selected VMs will change to Production; 0 skipped.");
        foreach (var vm in vms)
        {
            await Expect(page.Locator("[data-testid=preview-items]")).ToContainTextAsync(vm.Name);
        }

        var byHost = page.Locator("[data-testid=preview-hosts]");
        foreach (var host in vms.GroupBy(v => v.Host))
        {
            await Expect(byHost.Locator("tr", new() { HasText = host.Key })).ToContainTextAsync(host.Count().ToString(CultureInfo.InvariantCulture));
        }

        await page.Locator("[data-testid=bulk-apply]").ClickAsync();
        await page.Locator("[data-testid=bulk-confirm]").ClickAsync();

        // 3. Live per-VM results on the bulk change's own page.
        await Expect(page).ToHaveURLAsync(new Regex("/bulk/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=bulk-run]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=bulk-summary]")).ToHaveTextAsync("3 of 3 done: 3 changed.", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=bulk-state]")).ToHaveTextAsync("Completed");
        var results = page.Locator("[data-testid=bulk-items] tbody tr.mud-table-row");
        await Expect(results).ToHaveCountAsync(3);
        foreach (var vm in vms)
        {
            await Expect(results.Filter(new() { HasText = vm.Name }).Locator("[data-testid=item-status]")).ToHaveTextAsync("Succeeded");
        }

        // 4. Compliance turns green once the inventory has read the new settings back from the hosts.
        await page.GetByRole(AriaRole.Link, new() { Name = "Policies" }).ClickAsync();
        await Expect(row.Locator("[data-testid=policy-compliance]")).ToHaveTextAsync("3 compliant", new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }
}
