using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Reports;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>The report page: filters from and into the URL, the same filter on the exports, figures, trends and rules.</summary>
public sealed class ReportsPageTests : DashboardTestContext
{
    public ReportsPageTests()
        : base(Fleets.Snapshot(
        [
            Fleets.Vm("PRD-SQL01", host: "PROD-HV01", cluster: "PROD", checkpoints: 4, oldestDays: 40, type: CheckpointType.Standard),
            Fleets.Vm("PRD-WEB01", host: "PROD-HV02", cluster: "PROD", checkpoints: 1, oldestDays: 2),
            Fleets.Vm("DEV-APP01", host: "DEV-HV01", cluster: "DEV", checkpoints: 2, oldestDays: 10),
            Fleets.Vm("BR1-DC01", host: "HV-BRANCH01", type: CheckpointType.Standard),
        ]))
    {
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void Render_NoFilter_ShowsTheWholeFleet()
    {
        Navigation.NavigateTo("/reports");

        var cut = Render<ReportsPage>();

        Assert.Null(Reports.Builds[^1]?.Clusters.FirstOrDefault());
        Assert.Contains("Checkpoints 7 on 3 of 4 VMs", cut.Find(".stat-card").Text(), StringComparison.Ordinal);
        Assert.Equal("/api/v1/reports/checkpoints.csv", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.Contains("Checkpoints (7)", OpenTab(cut, "Checkpoints"), StringComparison.Ordinal);
        Assert.Equal(7, cut.FindAll("[data-testid=report-rows] tbody tr.mud-table-row").Count);
    }

    [Fact]
    public void ClusterFilterFromTheUrl_NarrowsTheReportAndTheExports()
    {
        Navigation.NavigateTo("/reports?cluster=PROD&severity=Critical");

        var cut = Render<ReportsPage>();

        var filter = Reports.Builds[^1]!;
        Assert.Equal(["PROD"], filter.Clusters);
        Assert.Equal(FindingSeverity.Critical, filter.MinimumSeverity);
        Assert.Contains("Checkpoints 5 on 2 of 2 VMs", cut.Find(".stat-card").Text(), StringComparison.Ordinal);
        Assert.Equal("/api/v1/reports/checkpoints.csv?cluster=PROD&severity=Critical", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.Equal("/api/v1/reports/checkpoints.xlsx?cluster=PROD&severity=Critical", cut.Find("[data-testid=export-xlsx]").GetAttribute("href"));
        var findings = cut.FindAll("[data-testid=findings] tbody tr.mud-table-row").Select(r => r.Text()).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, r => Assert.StartsWith("Critical", r, StringComparison.Ordinal));
        OpenTab(cut, "Checkpoints");
        var rows = cut.FindAll("[data-testid=report-rows] tbody tr.mud-table-row").Select(r => r.Text()).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Contains("PROD", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_SomeoneElseSavedFirst_TheRefusalIsShownAndTheDialogStays()
    {
        Navigation.NavigateTo("/reports");
        var cut = Render<ReportsPage>();
        cut.Button("Rules").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Dialog("Report rules"), TestTimeouts.Short);
        Reports.Version = 3;

        Dialogs.DialogButton("Report rules", "Save rules").Click();

        Assert.Contains("you edited version 0", Dialogs.Find("[data-testid=rules-errors]").Text(), StringComparison.Ordinal);
        Assert.Single(Dialogs.DialogsTitled("Report rules"));
    }

    /// <summary>Clicks the tab whose title starts with <paramref name="title"/>; returns its full title.</summary>
    private static string OpenTab(IRenderedComponent<ReportsPage> cut, string title)
    {
        var tab = cut.FindAll(".mud-tab").First(t => t.Text().StartsWith(title, StringComparison.Ordinal));
        var text = tab.Text();
        tab.Click();
        return text;
    }

    [Fact]
    public void TypingAVmPattern_PutsItInTheUrlAndRebuilds()
    {
        Navigation.NavigateTo("/reports");
        var cut = Render<ReportsPage>();

        cut.Find("#report-vm").Change("PRD-*");

        Assert.Contains("vm=PRD-%2A", Navigation.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("PRD-*", Reports.Builds[^1]!.VmNamePattern);
            Assert.Equal("/api/v1/reports/checkpoints.csv?vm=PRD-%2A", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        }, TestTimeouts.Short);
    }

    [Fact]
    public void RuleChip_FiltersToThatRule_AndAgainClearsIt()
    {
        Navigation.NavigateTo("/reports");
        var cut = Render<ReportsPage>();
        var chip = cut.FindAll("[data-testid=rule-chips] .mud-chip").First(c => c.Text().StartsWith("age:", StringComparison.Ordinal));

        chip.Click();

        cut.WaitForAssertion(() => Assert.Equal(["age"], Reports.Builds[^1]!.RuleIds), TestTimeouts.Short);
        Assert.Contains("rule=age", Navigation.Uri, StringComparison.Ordinal);
        Assert.All(cut.FindAll("[data-testid=findings] tbody tr.mud-table-row"), r => Assert.Contains("age", r.Text(), StringComparison.Ordinal));

        cut.FindAll("[data-testid=rule-chips] .mud-chip").First(c => c.Text().StartsWith("age:", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Empty(Reports.Builds[^1]!.RuleIds), TestTimeouts.Short);
    }

    [Fact]
    public void UnknownValuesInTheUrl_AreDroppedNotFatal()
    {
        Navigation.NavigateTo("/reports?severity=Loud&rule=nonsense&rule=depth");

        var cut = Render<ReportsPage>();

        var filter = Reports.Builds[^1]!;
        Assert.Equal(FindingSeverity.Info, filter.MinimumSeverity);
        Assert.Equal(["depth"], filter.RuleIds);
        Assert.Empty(cut.FindAll("[data-testid=report-error]"));
    }

    [Fact]
    public void Trend_WithTwoDaysOfHistory_ShowsTheChangeInWords()
    {
        Reports.History.Add(new InventorySummary(Fleets.Now.AddDays(-2), "PROD", 2, 9, 9L << 30, 5, 1, 9, Added: 1, Removed: 0));
        Reports.History.Add(new InventorySummary(Fleets.Now.AddDays(-1), "PROD", 2, 5, 5L << 30, 3, 1, 9, Added: 0, Removed: 4));
        Navigation.NavigateTo("/reports");

        var cut = Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Contains("checkpoints 9 → 5 (-4)", cut.Find("[data-testid=trend-summary]").Text(), StringComparison.Ordinal),
            TestTimeouts.Short);
        Assert.Contains("1 new and 4 removed", cut.Find("[data-testid=trend-summary]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_WithoutHistory_SaysItBuildsUp()
    {
        Navigation.NavigateTo("/reports");

        var cut = Render<ReportsPage>();

        Assert.Contains("no day recorded yet", cut.Find("[data-testid=trend-empty]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_SavedThroughTheDialog_RebuildTheReport()
    {
        Navigation.NavigateTo("/reports");
        var cut = Render<ReportsPage>();
        var before = Reports.Builds.Count;

        cut.Button("Rules").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Dialog("Report rules"), TestTimeouts.Short);
        var depth = Dialogs.FindAll("input").First(i => i.ParentElement?.ParentElement?.TextContent.Contains("Chain depth at most", StringComparison.Ordinal) == true);
        depth.Change("1");
        Dialogs.DialogButton("Report rules", "Save rules").Click();

        var (rules, user) = Assert.Single(Reports.Saves);
        Assert.Equal("local", user);
        Assert.Equal(1, rules.MaxChainDepth);
        cut.WaitForAssertion(() => Assert.True(Reports.Builds.Count > before), TestTimeouts.Short);
    }
}
