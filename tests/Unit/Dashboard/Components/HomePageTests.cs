using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

public sealed class HomePageTests : DashboardTestContext
{
    public HomePageTests()
        : base(Fleets.Snapshot(
            [Fleets.Vm("PRD-DC01", type: CheckpointType.Standard, checkpoints: 2, oldestDays: 90), Fleets.Vm("PRD-WEB01")],
            [Fleets.Host("HV01"), Fleets.Host("HV02", HostState.Offline, error: "HV02: connection refused.", kind: HostErrorKind.Unreachable)]))
    {
    }

    [Fact]
    public void Render_ShowsTotalsTroubledHostsAndRiskyDomainControllers()
    {
        var cut = Render<Home>();

        var text = cut.Markup;
        Assert.Contains("1 online · 1 offline", text, StringComparison.Ordinal);
        Assert.Contains("HV02: connection refused.", text, StringComparison.Ordinal);
        Assert.Contains("Unreachable", text, StringComparison.Ordinal);
        Assert.Contains("1 domain controller(s) still use Standard checkpoints", text, StringComparison.Ordinal);
        Assert.Contains("PRD-DC01 cp0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NewSnapshots_ReportFollowsAtMostOncePerWindow_ThenShowsTheLatest()
    {
        var cut = Render<Home>();
        var builds = Reports.Builds.Count;

        // Two more snapshots in the same five-second window: the other figures follow, the report waits.
        Inventory.Publish(Fleets.Snapshot([Fleets.Vm("PRD-DC01", type: CheckpointType.Standard, checkpoints: 2, oldestDays: 90)], [Fleets.Host("HV01")], version: 2));
        Inventory.Publish(Fleets.Snapshot([Fleets.Vm("PRD-DC01", type: CheckpointType.Standard, checkpoints: 3, oldestDays: 90)], [Fleets.Host("HV01")], version: 3));
        cut.WaitForAssertion(() => Assert.DoesNotContain("HV02: connection refused.", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(builds, Reports.Builds.Count);

        // At the next window the report is built once more, from the latest snapshot.
        Clock.Advance(TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Equal(builds + 1, Reports.Builds.Count));
    }

    [Fact]
    public void Render_ShowsTheReportsKeyFiguresWithALinkPerRule()
    {
        var cut = Render<Home>();

        var summary = cut.Find("[data-testid=report-summary]");
        var report = Reports.Build();
        Assert.Contains($"{report.Fleet.Critical} critical · {report.Fleet.Warning} warnings", summary.Text(), StringComparison.Ordinal);
        var links = summary.QuerySelectorAll(".mud-chip").Select(c => c.GetAttribute("href")).ToList();
        Assert.Contains("/reports?rule=critical-not-production", links);
        Assert.Contains("/reports?rule=age", links);
        Assert.Equal(report.Findings.Select(f => f.RuleId).Distinct().Count(), links.Count);
    }
}
