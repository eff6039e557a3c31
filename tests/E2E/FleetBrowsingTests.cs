using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace CheckpointDashboard.Tests.E2E;

/// <summary>An operator opens the fleet, finds a VM and opens its checkpoint tree, in a real Chromium.</summary>
[Collection(E2ECollection.Name)]
public sealed class FleetBrowsingTests(E2EFixture fixture)
{
    [Fact]
    public async Task Overview_ShowsTheSimulatedFleetAndItsFigures()
    {
        var page = await fixture.OpenAsync("/");
        var snapshot = fixture.Inventory.Current;

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet overview" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=simulated-badge]")).ToBeVisibleAsync();
        await Expect(page.GetByText($"{snapshot.Totals.HostsOnline} online · 0 offline")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = snapshot.Totals.Vms.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Exact = true })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FindVmAndOpenItsCheckpointTree()
    {
        // A VM with a deep chain, as the audit would look for.
        var vm = fixture.Inventory.Current.Vms.Where(v => v.Stats.Count >= 3).OrderByDescending(v => v.Stats.Count).First();
        var page = await fixture.OpenAsync("/vms");

        await Expect(page.Locator("[data-testid=vm-count]")).ToContainTextAsync($"of {fixture.Inventory.Current.Vms.Length:N0} VMs");
        await page.GetByLabel("Search virtual machines").FillAsync(vm.Name);
        await Expect(page.Locator("[data-testid=vm-count]")).ToContainTextAsync("Showing 1 of");
        await page.GetByRole(AriaRole.Link, new() { Name = vm.Name, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/vms/{vm.Id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = vm.Name })).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-treeview-item-label", new() { HasText = "Now" })).ToBeVisibleAsync();
        await Expect(page.GetByText("you are here")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-treeview-item-label")).ToHaveCountAsync(vm.Stats.Count + 1);

        var oldest = vm.Checkpoints.OrderBy(c => c.Created).First();
        await page.Locator(".mud-treeview-item-content", new() { HasText = oldest.Name }).First.ClickAsync();
        var details = page.Locator("[data-testid=checkpoint-details]");
        await Expect(details).ToContainTextAsync(oldest.Name);
        await Expect(details).ToContainTextAsync(oldest.Id.ToString());
        await Expect(details).ToContainTextAsync("Differencing disks holding changes made since");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task VmGrid_VirtualizesRowsAndFiltersFromTheUrl()
    {
        var page = await fixture.OpenAsync("/vms?cluster=PROD&hasCheckpoints=true");
        var expected = fixture.Inventory.Current.Vms.Count(v => v.Cluster == "PROD" && v.Stats.Count > 0);

        await Expect(page.Locator("[data-testid=vm-count]")).ToContainTextAsync($"Showing {expected} of");
        var rows = page.Locator("tbody tr.mud-table-row");
        await Expect(rows.First).ToBeVisibleAsync();
        Assert.InRange(await rows.CountAsync(), 1, expected);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hosts_ListEveryHostWithItsCluster()
    {
        var page = await fixture.OpenAsync("/hosts");

        foreach (var host in fixture.Inventory.Current.Hosts)
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = host.Name, Exact = true })).ToBeVisibleAsync();
        }

        await Expect(page.Locator("[data-testid=cluster-PROD]")).ToContainTextAsync("4 nodes");
        await page.Context.CloseAsync();
    }
}
