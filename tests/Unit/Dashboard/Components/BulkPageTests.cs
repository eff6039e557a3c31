using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>The bulk page's guided flow: select, choose, preview (counts and every skip reason), confirm, start.</summary>
public sealed class BulkPageTests : DashboardTestContext
{
    private static readonly VirtualMachine s_sql = Fleets.Vm("PRD-SQL01", host: "PROD-HV01", cluster: "PROD", type: CheckpointType.Standard);
    private static readonly VirtualMachine s_web = Fleets.Vm("PRD-WEB01", host: "PROD-HV02", cluster: "PROD");
    private static readonly VirtualMachine s_app = Fleets.Vm("PRD-APP01", host: "PROD-HV02", cluster: "PROD", type: CheckpointType.Standard,
        staleSince: Fleets.Now.AddMinutes(-5));
    private static readonly VirtualMachine s_dc = Fleets.Vm("BR1-DC01", host: "HV-BRANCH01", type: CheckpointType.Standard);

    public BulkPageTests()
        : base(Fleets.Snapshot([s_sql, s_web, s_app, s_dc]))
    {
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void PreviewThenApply_SendsTheFilterAndTarget_ShowsSkipsAndOpensTheRun()
    {
        var cut = Render<BulkPage>();
        cut.Find("#bulk-name-pattern").Change("PRD*");
        Bulks.PreviewResult = PreviewOf(new VmSelector { NamePattern = "PRD*" }, new CheckpointSettingsTarget(CheckpointType.Production, null));

        cut.Button("3. Preview").Click();

        var sent = Assert.Single(Bulks.Previews);
        Assert.Equal("PRD*", sent.Selector.NamePattern);
        Assert.False(sent.Selector.NameIsRegex);
        Assert.Equal(new CheckpointSettingsTarget(CheckpointType.Production, null), sent.Target);
        Assert.Equal("1 of 3 selected VMs will change to Production; 2 skipped.", cut.Find("[data-testid=preview-summary]").Text());
        var skips = cut.Find("[data-testid=preview-skips]").Text();
        Assert.Contains("Already set: 1", skips, StringComparison.Ordinal);
        Assert.Contains("Host unreachable: 1", skips, StringComparison.Ordinal);
        var hosts = cut.TableRows("preview-hosts");
        Assert.Contains("PROD-HV01 1 0", hosts);
        Assert.Contains("PROD-HV02 0 2", hosts);
        Assert.Contains(cut.FindAll("[data-testid=skip-reason]"), s => s.Text().StartsWith("Host unreachable: PROD-HV02 is not answering", StringComparison.Ordinal));

        cut.Button("4. Apply to 1 VMs…").Click();
        cut.Button("Change 1 VMs now").Click();

        var (request, user) = Assert.Single(Bulks.Starts);
        Assert.Equal("local", user);
        Assert.Equal("PRD*", request.Selector.NamePattern);
        Assert.Equal(CheckpointType.Production, request.Target.CheckpointType);
        Assert.EndsWith($"/bulk/{Bulks.Bulks[0].Id}", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangingAnInput_DiscardsThePreview()
    {
        var cut = Render<BulkPage>();
        Bulks.PreviewResult = PreviewOf(VmSelector.All, new CheckpointSettingsTarget(CheckpointType.Production, null));
        cut.Button("3. Preview").Click();
        Assert.NotEmpty(cut.FindAll("[data-testid=bulk-preview]"));

        cut.Find("#bulk-name-pattern").Change("BR1*");

        Assert.Empty(cut.FindAll("[data-testid=bulk-preview]"));
        Assert.Empty(cut.FindAll("[data-testid=bulk-apply]"));
    }

    [Fact]
    public void NoFilter_ConfirmingNeedsTheExtraCheck()
    {
        var cut = Render<BulkPage>();
        Bulks.PreviewResult = PreviewOf(VmSelector.All, new CheckpointSettingsTarget(CheckpointType.Production, null));
        cut.Button("3. Preview").Click();
        cut.Button("4. Apply to 2 VMs…").Click();

        Assert.True(cut.Button("Change 2 VMs now").IsDisabled());
        cut.Find("[data-testid=bulk-confirm-text]");
        cut.Find("[data-testid=confirm-all] input, input[data-testid=confirm-all]").Change(true);

        Assert.False(cut.Button("Change 2 VMs now").IsDisabled());
        cut.Button("Change 2 VMs now").Click();
        Assert.True(Assert.Single(Bulks.Starts).Request.Selector.SelectsEverything);
    }

    [Fact]
    public void InvalidRegex_IsNamedAndNothingIsAsked()
    {
        var cut = Render<BulkPage>();
        cut.Find(".mud-switch input").Change(true);
        cut.Find("#bulk-name-pattern").Change("(DC");

        cut.Button("3. Preview").Click();

        Assert.Contains("namePattern: '(DC' is not a valid regular expression", cut.Find("[data-testid=bulk-errors]").Text(), StringComparison.Ordinal);
        Assert.Empty(Bulks.Previews);
    }

    [Fact]
    public void StartRefused_ShowsTheServicesSentenceAndStays()
    {
        var cut = Render<BulkPage>();
        cut.Find("#bulk-name-pattern").Change("PRD*");
        Bulks.PreviewResult = PreviewOf(new VmSelector { NamePattern = "PRD*" }, new CheckpointSettingsTarget(CheckpointType.Production, null));
        cut.Button("3. Preview").Click();
        cut.Button("4. Apply to 1 VMs…").Click();
        Bulks.Rejection = new JobRejectedException(JobRejection.Conflict, "Nothing to change: every selected VM is skipped.");

        cut.Button("Change 1 VMs now").Click();

        Assert.Equal("Nothing to change: every selected VM is skipped.", cut.Find("[data-testid=bulk-errors]").Text());
        Assert.EndsWith("/", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Handoff_PrefillsTheChosenVmsAndTheTarget()
    {
        Handoff.Give(new VmSelector { VmIds = [s_sql.Id, s_dc.Id] }, new CheckpointSettingsTarget(CheckpointType.ProductionOnly, false),
            "non-compliant with 'DCs'");

        var cut = Render<BulkPage>();

        Assert.Equal("2 chosen VMs · non-compliant with 'DCs'", cut.Find("[data-testid=chosen-vms]").Text());
        cut.Button("3. Preview").Click();
        var sent = Assert.Single(Bulks.Previews);
        Assert.Equal([s_sql.Id, s_dc.Id], sent.Selector.VmIds);
        Assert.Equal(new CheckpointSettingsTarget(CheckpointType.ProductionOnly, false), sent.Target);
        Assert.Null(Handoff.Take());
    }

    [Fact]
    public void VmGrid_ChangeSettingsOfSelected_HandsTheIdsToTheBulkPage()
    {
        var grid = Render<Vms>();
        foreach (var checkbox in grid.FindAll("tbody tr.mud-table-row input[type=checkbox]").Take(2).ToList())
        {
            checkbox.Change(true);
        }

        grid.WaitForAssertion(() => grid.Button("Change checkpoint settings…"), TestTimeouts.Short);
        grid.Button("Change checkpoint settings…").Click();

        Assert.EndsWith("/bulk", Navigation.Uri, StringComparison.Ordinal);
        var offer = Handoff.Take();
        Assert.NotNull(offer);
        Assert.Equal(2, offer.Selector.VmIds!.Count);
        Assert.Null(offer.Target);
    }

    private BulkPreview PreviewOf(VmSelector selector, CheckpointSettingsTarget target) =>
        BulkPlanner.Preview(Inventory.Current, selector, target, new HashSet<Guid>());
}
