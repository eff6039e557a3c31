using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.Dashboard.Model;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>The VM page's actions: each dialog checks what it must, shows what it affects and submits the right request.</summary>
public sealed class VmDetailActionsTests : DashboardTestContext
{
    private static readonly VirtualMachine s_app = CheckpointTrees.Branched("APP01", current: "B1");
    private static readonly VirtualMachine s_fresh = CheckpointTrees.Empty("NEW01");
    private static readonly VirtualMachine s_disabled = CheckpointTrees.Branched("NOCP01", type: CheckpointType.Disabled);

    public VmDetailActionsTests()
        : base(Fleets.Snapshot([s_app, s_fresh, s_disabled]))
    {
        JobService.VmName = "APP01";
    }

    [Fact]
    public void CreateCheckpoint_ValidName_SubmitsWithTheVersionShownAndAnnouncesTheJob()
    {
        var cut = RenderVm(s_app);

        cut.Button("Create checkpoint").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("falls back to Standard", Dialogs.Dialog("Create checkpoint").Text()), TestTimeouts.Short);
        Dialogs.Find("#checkpoint-name").Input("Before patch KB5031234");
        Dialogs.DialogButton("Create checkpoint", "Create checkpoint").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[role=dialog]")), TestTimeouts.Short);
        var (request, user) = Assert.Single(JobService.Submitted);
        Assert.Equal(new CreateCheckpointRequest(s_app.Id, "Before patch KB5031234", VmVersion.Of(s_app)), request);
        Assert.Equal("local", user);
        Snackbars.WaitForAssertion(() =>
        {
            Assert.Contains("Creating checkpoint on APP01…", Snackbars.Markup, StringComparison.Ordinal);
            Assert.Contains(Snackbars.FindAll("a"), a => a.GetAttribute("href")!.StartsWith("/jobs?id=", StringComparison.Ordinal));
        }, TestTimeouts.Short);
    }

    [Fact]
    public void CreateCheckpoint_EmptyName_AsksForHyperVsDefaultName()
    {
        var cut = RenderVm(s_app);

        cut.Button("Create checkpoint").Click();
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.DialogButton("Create checkpoint", "Create checkpoint").IsDisabled()), TestTimeouts.Short);
        Dialogs.DialogButton("Create checkpoint", "Create checkpoint").Click();

        Dialogs.WaitForAssertion(() => Assert.Single(JobService.Submitted), TestTimeouts.Short);
        Assert.Null(((CreateCheckpointRequest)JobService.Submitted[0].Request).Name);
    }

    [Theory]
    [InlineData("   ", "only spaces")]
    [InlineData("tab\there", "control characters")]
    [InlineData(null, "at most 100 characters")]
    public void CreateCheckpoint_InvalidName_ShowsWhyAndDisablesSubmit(string? name, string expected)
    {
        var cut = RenderVm(s_app);
        cut.Button("Create checkpoint").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Dialog("Create checkpoint"), TestTimeouts.Short);

        Dialogs.Find("#checkpoint-name").Input(name ?? new string('x', 101));

        Dialogs.WaitForAssertion(() =>
        {
            Assert.Contains(expected, Dialogs.Dialog("Create checkpoint").Text(), StringComparison.Ordinal);
            Assert.True(Dialogs.DialogButton("Create checkpoint", "Create checkpoint").IsDisabled());
        }, TestTimeouts.Short);

        // Fixing the name enables it again.
        Dialogs.Find("#checkpoint-name").Input("Fine");
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.DialogButton("Create checkpoint", "Create checkpoint").IsDisabled()), TestTimeouts.Short);
        Assert.Empty(JobService.Submitted);
    }

    [Fact]
    public void CreateCheckpoint_TypeDisabled_IsDisabledWithTheReason()
    {
        var cut = RenderVm(s_disabled);

        Assert.True(cut.Button("Create checkpoint").IsDisabled());
        Assert.Contains("Checkpoints are disabled for this VM", cut.Find("[data-testid=vm-action-reasons]").Text(), StringComparison.Ordinal);
        Assert.Equal("reason-create", cut.Button("Create checkpoint").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void Revert_NoCurrentCheckpoint_IsDisabledWithTheReason()
    {
        var cut = RenderVm(s_fresh);

        Assert.True(cut.Button("Revert").IsDisabled());
        Assert.Contains("nothing to revert to", cut.Find("[data-testid=vm-action-reasons]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Revert_TypedName_SubmitsARevert()
    {
        var cut = RenderVm(s_app);

        cut.Button("Revert").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("returns to 'B1'", Dialogs.Dialog("Revert VM").Text(), StringComparison.Ordinal), TestTimeouts.Short);
        Assert.True(Dialogs.DialogButton("Revert VM", "Revert").IsDisabled());
        Dialogs.Find("#confirm-vm-name").Input("APP01");
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.DialogButton("Revert VM", "Revert").IsDisabled()), TestTimeouts.Short);
        Dialogs.DialogButton("Revert VM", "Revert").Click();

        Dialogs.WaitForAssertion(() => Assert.Single(JobService.Submitted), TestTimeouts.Short);
        Assert.Equal(new RevertVmRequest(s_app.Id, VmVersion.Of(s_app)), JobService.Submitted[0].Request);
    }

    [Fact]
    public void Apply_ListsWhatIsLostAndCanCheckpointTheCurrentStateFirst()
    {
        var a = CheckpointTrees.Named(s_app, "A");
        var cut = RenderVm(s_app, a.Id);

        cut.Button("Apply").Click();
        Dialogs.WaitForAssertion(() =>
        {
            var text = Dialogs.Dialog("Apply checkpoint").Text();
            Assert.Contains("since 'B1'", text, StringComparison.Ordinal);
            Assert.Contains("saved first", text, StringComparison.Ordinal);
        }, TestTimeouts.Short);
        Dialogs.Find("[role=dialog] input[type=checkbox]").Change(true);
        Dialogs.Find("#confirm-vm-name").Input("APP01");
        Dialogs.WaitForAssertion(() => Assert.Contains("nothing is lost", Dialogs.Dialog("Apply checkpoint").Text(), StringComparison.Ordinal), TestTimeouts.Short);
        Dialogs.DialogButton("Apply checkpoint", "Apply checkpoint").Click();

        Dialogs.WaitForAssertion(() => Assert.Single(JobService.Submitted), TestTimeouts.Short);
        Assert.Equal(new ApplyCheckpointRequest(s_app.Id, a.Id, true, VmVersion.Of(s_app)), JobService.Submitted[0].Request);
    }

    [Fact]
    public void DeleteSubtree_ListsExactlyTheSubtreeAndNeedsTheExactVmName()
    {
        var b = CheckpointTrees.Named(s_app, "B");
        var cut = RenderVm(s_app, b.Id);

        cut.Button("Delete subtree").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Dialog("Delete subtree"), TestTimeouts.Short);
        var listed = Dialogs.FindAll("[data-testid=subtree-checkpoints] li").Select(li => li.Text().Split(' ')[0]).ToList();
        Assert.Equal(["B", "B1", "B2"], listed);
        Assert.Contains("\"Now\" is in this subtree", Dialogs.Find("[data-testid=subtree-now]").Text(), StringComparison.Ordinal);
        Assert.Contains("derives from 'Base'", Dialogs.Find("[data-testid=subtree-now]").Text(), StringComparison.Ordinal);
        Assert.True(Dialogs.DialogButton("Delete subtree", "Delete subtree").IsDisabled());

        Dialogs.Find("#confirm-vm-name").Input("app01");
        Dialogs.WaitForAssertion(() => Assert.Equal("app01", Dialogs.Find("#confirm-vm-name").GetAttribute("value")), TestTimeouts.Short);
        Assert.True(Dialogs.DialogButton("Delete subtree", "Delete subtree").IsDisabled());

        Dialogs.Find("#confirm-vm-name").Input("APP01");
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.DialogButton("Delete subtree", "Delete subtree").IsDisabled()), TestTimeouts.Short);
        Dialogs.DialogButton("Delete subtree", "Delete subtree").Click();

        Dialogs.WaitForAssertion(() => Assert.Single(JobService.Submitted), TestTimeouts.Short);
        Assert.Equal(new DeleteCheckpointRequest(s_app.Id, b.Id, IncludeSubtree: true, VmVersion.Of(s_app)), JobService.Submitted[0].Request);
    }

    [Fact]
    public void DeleteSubtree_BranchWithoutNow_SaysNowIsNotAffected()
    {
        var cut = RenderVm(s_app, CheckpointTrees.Named(s_app, "A").Id);

        cut.Button("Delete subtree").Click();

        Dialogs.WaitForAssertion(() =>
        {
            Assert.Equal(2, Dialogs.FindAll("[data-testid=subtree-checkpoints] li").Count);
            Assert.Contains("\"Now\" is not in this subtree", Dialogs.Find("[data-testid=subtree-now]").Text(), StringComparison.Ordinal);
        }, TestTimeouts.Short);
    }

    [Fact]
    public void Submit_ConflictRejection_IsShownInlineAndTheDialogStaysOpen()
    {
        JobService.Reject = _ => new JobRejectedException(JobRejection.Conflict, "APP01 changed since you loaded it: checkpoint 'B2' was renamed.");
        var cut = RenderVm(s_app, CheckpointTrees.Named(s_app, "B").Id);
        cut.Button("Delete subtree").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Dialog("Delete subtree"), TestTimeouts.Short);
        Dialogs.Find("#confirm-vm-name").Input("APP01");
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.DialogButton("Delete subtree", "Delete subtree").IsDisabled()), TestTimeouts.Short);

        Dialogs.DialogButton("Delete subtree", "Delete subtree").Click();

        Dialogs.WaitForAssertion(() =>
        {
            var message = Dialogs.Find("[data-testid=dialog-rejection]").Text();
            Assert.Contains("APP01 changed since you loaded it: checkpoint 'B2' was renamed.", message, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", message, StringComparison.Ordinal);
        }, TestTimeouts.Short);
        Dialogs.Dialog("Delete subtree");
        Assert.Single(JobService.Submitted);
    }

    [Fact]
    public void Delete_ShowsTheSpaceItsMergeFreesAndNeedsNoTyping()
    {
        var b = CheckpointTrees.Named(s_app, "B");
        var cut = RenderVm(s_app, b.Id);

        cut.Button("Delete").Click();
        Dialogs.WaitForAssertion(() =>
        {
            var text = Dialogs.Find("[data-testid=delete-merge]").Text();
            Assert.Contains("2 differencing disk(s), 2 GB, are merged", text, StringComparison.Ordinal);
            Assert.Contains("long time", text, StringComparison.Ordinal);
        }, TestTimeouts.Short);
        Dialogs.DialogButton("Delete checkpoint", "Delete checkpoint").Click();

        Dialogs.WaitForAssertion(() => Assert.Single(JobService.Submitted), TestTimeouts.Short);
        Assert.Equal(new DeleteCheckpointRequest(s_app.Id, b.Id, IncludeSubtree: false, VmVersion.Of(s_app)), JobService.Submitted[0].Request);
    }

    [Fact]
    public void Rename_NeedsANewValidName()
    {
        var a = CheckpointTrees.Named(s_app, "A");
        var cut = RenderVm(s_app, a.Id);

        cut.Button("Rename").Click();
        Dialogs.WaitForAssertion(() => Assert.True(Dialogs.DialogButton("Rename checkpoint", "Rename").IsDisabled()), TestTimeouts.Short);
        Dialogs.Find("#checkpoint-new-name").Input(new string('y', 101));
        Dialogs.WaitForAssertion(() => Assert.Contains("at most 100", Dialogs.Dialog("Rename checkpoint").Text(), StringComparison.Ordinal), TestTimeouts.Short);
        Dialogs.Find("#checkpoint-new-name").Input("A (golden)");
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.DialogButton("Rename checkpoint", "Rename").IsDisabled()), TestTimeouts.Short);
        Dialogs.DialogButton("Rename checkpoint", "Rename").Click();

        Dialogs.WaitForAssertion(() => Assert.Single(JobService.Submitted), TestTimeouts.Short);
        Assert.Equal(new RenameCheckpointRequest(s_app.Id, a.Id, "A (golden)", VmVersion.Of(s_app)), JobService.Submitted[0].Request);
    }

    [Fact]
    public void Export_NeedsAnAbsoluteHostPath()
    {
        var a = CheckpointTrees.Named(s_app, "A");
        var cut = RenderVm(s_app, a.Id);

        cut.Button("Export").Click();
        Dialogs.WaitForAssertion(() => Assert.True(Dialogs.DialogButton("Export checkpoint", "Export").IsDisabled()), TestTimeouts.Short);
        Dialogs.Find("#export-path").Input("exports");
        Dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("absolute path", Dialogs.Dialog("Export checkpoint").Text(), StringComparison.Ordinal);
            Assert.True(Dialogs.DialogButton("Export checkpoint", "Export").IsDisabled());
        }, TestTimeouts.Short);
        Dialogs.Find("#export-path").Input(@"\\fs01\exports\APP01");
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.DialogButton("Export checkpoint", "Export").IsDisabled()), TestTimeouts.Short);
        Dialogs.DialogButton("Export checkpoint", "Export").Click();

        Dialogs.WaitForAssertion(() => Assert.Single(JobService.Submitted), TestTimeouts.Short);
        Assert.Equal(new ExportCheckpointRequest(s_app.Id, a.Id, @"\\fs01\exports\APP01", VmVersion.Of(s_app)), JobService.Submitted[0].Request);
    }

    private IRenderedComponent<VmDetail> RenderVm(VirtualMachine vm, Guid? checkpoint = null)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(checkpoint is { } id ? $"/vms/{vm.Id}?checkpoint={id}" : $"/vms/{vm.Id}");
        return Render<VmDetail>(p => p.Add(c => c.VmId, vm.Id));
    }
}
