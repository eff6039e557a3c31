using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

public sealed class VmsPageTests : DashboardTestContext
{
    public VmsPageTests()
        : base(Fleets.Snapshot(
        [
            Fleets.Vm("PRD-SQL01", host: "PROD-HV01", cluster: "PROD", checkpoints: 3, type: CheckpointType.Standard),
            Fleets.Vm("PRD-WEB01", host: "PROD-HV02", cluster: "PROD"),
            Fleets.Vm("BR1-DC01", host: "HV-BRANCH01", type: CheckpointType.Standard, checkpoints: 1),
            Fleets.Vm("BR1-APP01", host: "HV-BRANCH01", state: VmState.Off),
        ]))
    {
    }

    [Fact]
    public void Render_NoFilter_ShowsEveryVmWithCounts()
    {
        var cut = Render<Vms>();

        cut.WaitForAssertion(() => Assert.Contains("Showing 4 of 4 VMs", Normalize(cut.Find("[data-testid=vm-count]").TextContent)));
        Assert.Equal(4, cut.FindAll("tbody tr.mud-table-row").Count);
        Assert.Contains("4 checkpoints", Normalize(cut.Find("[data-testid=vm-count]").TextContent));
    }

    [Fact]
    public void Render_QueryFilters_ShowOnlyMatchingRows()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/vms?type=Standard&hasCheckpoints=true");

        var cut = Render<Vms>();

        cut.WaitForAssertion(() => Assert.Contains("Showing 2 of 4 VMs", Normalize(cut.Find("[data-testid=vm-count]").TextContent)));
        var names = cut.FindAll("tbody tr.mud-table-row a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["BR1-DC01", "PRD-SQL01"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Search_Typing_UpdatesTheUrlAndTheRows()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/vms");
        var cut = Render<Vms>();

        cut.Find("#vm-search").Input("br1");
        Clock.Advance(TimeSpan.FromMilliseconds(Vms.SearchDebounceMs));

        cut.WaitForAssertion(() => Assert.Contains("search=br1", navigation.Uri, StringComparison.Ordinal), TestTimeouts.Short);
        cut.WaitForAssertion(() => Assert.Contains("Showing 2 of 4 VMs", Normalize(cut.Find("[data-testid=vm-count]").TextContent)), TestTimeouts.Short);
        Assert.Equal("br1", cut.Find("#vm-search").GetAttribute("value"));
    }

    [Fact]
    public void Search_Typing_FiltersOnlyAfterAPause()
    {
        // Each keystroke would otherwise filter the whole fleet and redraw the page while the user is still typing.
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/vms");
        var cut = Render<Vms>();

        // Each key is advanced past only once the field has taken it (rendered it): under load the field's handling of
        // a key can lag the test, and a clock advanced first would fire the previous key's debounce.
        cut.Find("#vm-search").Input("b");
        cut.WaitForAssertion(() => Assert.Equal("b", cut.Find("#vm-search").GetAttribute("value")), TestTimeouts.Short);
        Clock.Advance(TimeSpan.FromMilliseconds(Vms.SearchDebounceMs - 50));
        cut.Find("#vm-search").Input("br1");
        cut.WaitForAssertion(() => Assert.Equal("br1", cut.Find("#vm-search").GetAttribute("value")), TestTimeouts.Short);
        Clock.Advance(TimeSpan.FromMilliseconds(Vms.SearchDebounceMs - 50));

        Assert.DoesNotContain("search=", navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("Showing 4 of 4 VMs", Normalize(cut.Find("[data-testid=vm-count]").TextContent));
        Clock.Advance(TimeSpan.FromMilliseconds(50));
        cut.WaitForAssertion(() => Assert.Contains("Showing 2 of 4 VMs", Normalize(cut.Find("[data-testid=vm-count]").TextContent)), TestTimeouts.Short);
        Assert.Contains("search=br1", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void HostFilter_TypingListsMatchingHosts_ChoosingOneFiltersTheRows()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/vms");
        var cut = Render<Vms>();
        var host = Assert.Single(cut.FindAll("label"), l => l.TextContent.Trim() == "Host").GetAttribute("for");

        cut.Find($"[id='{host}']").Input("branch");
        Clock.Advance(TimeSpan.FromMilliseconds(200));

        cut.WaitForAssertion(() => Assert.Equal(["HV-BRANCH01"], Popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())), TestTimeouts.Short);
        Popovers.Find(".mud-list-item").Click();
        cut.WaitForAssertion(() => Assert.Contains("host=HV-BRANCH01", navigation.Uri, StringComparison.Ordinal), TestTimeouts.Short);
        cut.WaitForAssertion(() => Assert.Contains("Showing 2 of 4 VMs", Normalize(cut.Find("[data-testid=vm-count]").TextContent)), TestTimeouts.Short);
    }

    [Fact]
    public void Publish_NewSnapshot_UpdatesTheGridWithoutReload()
    {
        var cut = Render<Vms>();
        cut.WaitForAssertion(() => Assert.Contains("Showing 4 of 4 VMs", Normalize(cut.Find("[data-testid=vm-count]").TextContent)));

        Inventory.Publish(Fleets.Snapshot([.. Inventory.Current.Vms, Fleets.Vm("NEW-VM01")], version: 2));
        Clock.Advance(Vms.SnapshotInterval); // the grid redraws for new snapshots at most once per interval

        cut.WaitForAssertion(() => Assert.Contains("Showing 5 of 5 VMs", Normalize(cut.Find("[data-testid=vm-count]").TextContent)), TestTimeouts.Short);
        Assert.Contains(cut.FindAll("tbody tr.mud-table-row a"), a => a.TextContent.Trim() == "NEW-VM01");
    }

    [Fact]
    public void Render_StaleVm_IsMarkedStale()
    {
        Inventory.Publish(Fleets.Snapshot([Fleets.Vm("OLD-DATA", staleSince: Fleets.Now.AddMinutes(-3))], version: 2));

        var cut = Render<Vms>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.row-stale")));
        Assert.Contains("1 with stale data", Normalize(cut.Find("[data-testid=vm-count]").TextContent));
    }

    [Fact]
    public void SelectRows_ShowsWhatIsSelected()
    {
        var cut = Render<Vms>();

        cut.FindAll("tbody tr.mud-table-row input[type=checkbox]")[0].Change(true);
        cut.FindAll("tbody tr.mud-table-row input[type=checkbox]")[1].Change(true);

        cut.WaitForAssertion(() => Assert.StartsWith("2 selected", Normalize(cut.Find("[data-testid=selection]").TextContent)), TestTimeouts.Short);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
