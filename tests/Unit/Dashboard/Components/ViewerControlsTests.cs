using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Policies;
using CheckpointDashboard.Tests.Unit.Dashboard.Model;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>
/// A Viewer sees the fleet but no control that would change it (the server refuses those anyway; nobody should click
/// into a refusal), and an Operator sees exactly the create controls.
/// </summary>
public sealed class ViewerControlsTests : DashboardTestContext
{
    private static readonly VirtualMachine s_app = CheckpointTrees.Branched("APP01", current: "B1");

    public ViewerControlsTests()
        : base(Fleets.Snapshot([s_app, Fleets.Vm("PRD-DC01", type: CheckpointType.Standard)]))
    {
        Policies.Add(new CheckpointPolicy
        {
            Id = Guid.NewGuid(),
            Name = "DCs",
            Scope = new VmSelector { NamePattern = "*DC*" },
            Target = new CheckpointSettingsTarget(CheckpointType.ProductionOnly, null),
            Version = 1,
        });
    }

    private static readonly string[] s_mutatingButtons =
        ["Create checkpoint", "Revert", "Checkpoint settings", "Apply", "Rename", "Export", "Delete", "Delete subtree"];

    [Fact]
    public void Viewer_VmPage_ShowsTheTreeButNoAction()
    {
        Allow(Right.View);

        var cut = RenderVm(s_app.Checkpoints[0].Id);

        Assert.Contains(s_app.Checkpoints[0].Name, cut.Markup, StringComparison.Ordinal);
        Assert.All(s_mutatingButtons, name => Assert.Empty(cut.Buttons(name)));
    }

    [Fact]
    public void Operator_VmPage_ShowsCreateRenameExport_NotApplyDeleteOrSettings()
    {
        Allow(Right.View, Right.CreateCheckpoint);

        var cut = RenderVm(s_app.Checkpoints[0].Id);

        Assert.Single(cut.Buttons("Create checkpoint"));
        Assert.Single(cut.Buttons("Rename"));
        Assert.Single(cut.Buttons("Export"));
        Assert.All(["Revert", "Checkpoint settings", "Apply", "Delete", "Delete subtree"], name => Assert.Empty(cut.Buttons(name)));
    }

    [Fact]
    public void Viewer_GridSelection_OffersNoBulkAction()
    {
        Allow(Right.View);
        var cut = Render<Vms>();

        cut.FindAll("tbody tr.mud-table-row input[type=checkbox]")[0].Change(true);

        cut.WaitForAssertion(() => cut.Find("[data-testid=selection]"), TestTimeouts.Short);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.Text().StartsWith("Create checkpoint on", StringComparison.Ordinal));
        Assert.Empty(cut.Buttons("Change checkpoint settings…"));
    }

    [Fact]
    public void Viewer_PoliciesAndReports_ShowNoEditingControls()
    {
        Allow(Right.View);

        var policies = Render<PoliciesPage>();
        policies.WaitForAssertion(() => Assert.Single(policies.FindAll("[data-testid=policy-row]")), TestTimeouts.Short);
        var reports = Render<ReportsPage>();

        Assert.Empty(policies.Buttons("Add policy"));
        Assert.Empty(policies.Buttons("Edit DCs"));
        Assert.Empty(policies.Buttons("Delete DCs"));
        Assert.DoesNotContain(policies.FindAll("button"), b => b.Text().StartsWith("Remediate", StringComparison.Ordinal) || b.Text() == "Use…");
        Assert.Empty(reports.Buttons("Rules"));
    }

    [Fact]
    public void Viewer_BulkPage_SaysWhyThereIsNoForm()
    {
        Allow(Right.View);

        var cut = Render<BulkPage>();

        cut.Find("[data-testid=bulk-not-authorized]");
        Assert.Empty(cut.Buttons("3. Preview"));
    }

    private void Allow(params Right[] rights) => Authorization.SetPolicies([.. rights.Select(RightPolicies.For)]);

    private IRenderedComponent<VmDetail> RenderVm(Guid checkpoint)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/vms/{s_app.Id}?checkpoint={checkpoint}");
        return Render<VmDetail>(p => p.Add(c => c.VmId, s_app.Id));
    }
}
