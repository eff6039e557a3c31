using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.Dashboard.Model;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

public sealed class CheckpointSettingsDialogTests : DashboardTestContext
{
    private const string Title = "Checkpoint settings";
    private static readonly VirtualMachine s_app = CheckpointTrees.Branched("APP01");
    private static readonly VirtualMachine s_fresh = CheckpointTrees.Empty("NEW01");
    private static readonly VirtualMachine s_dc = CheckpointTrees.Empty("PRD-DC01");
    private static readonly VirtualMachine s_old = CheckpointTrees.Empty("OLD01", type: CheckpointType.Unknown, configurationVersion: "5.0");

    public CheckpointSettingsDialogTests()
        : base(Fleets.Snapshot([s_app, s_fresh, s_dc, s_old]))
    {
    }

    [Fact]
    public void Open_VmWithCheckpoints_DisablesTheLocationAndSaysWhy()
    {
        Open(s_app);

        var location = Dialogs.Find("#checkpoint-location");
        Assert.True(location.IsDisabled());
        Assert.Contains("only while the VM has no checkpoints; it has 6", Dialogs.Dialog(Title).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_VmWithoutCheckpoints_ChangesTheLocationOnly()
    {
        Open(s_fresh);
        Assert.False(Dialogs.Find("#checkpoint-location").IsDisabled());
        Assert.True(Dialogs.DialogButton(Title, "Save settings").IsDisabled());

        Dialogs.Find("#checkpoint-location").Input("not absolute");
        Dialogs.WaitForAssertion(() => Assert.True(Dialogs.DialogButton(Title, "Save settings").IsDisabled()), TestTimeouts.Short);
        Dialogs.Find("#checkpoint-location").Input(@"E:\Checkpoints\NEW01");
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.DialogButton(Title, "Save settings").IsDisabled()), TestTimeouts.Short);
        Dialogs.DialogButton(Title, "Save settings").Click();

        Dialogs.WaitForAssertion(() => Assert.Single(JobService.Submitted), TestTimeouts.Short);
        Assert.Equal(new ChangeCheckpointSettingsRequest(s_fresh.Id, null, null, @"E:\Checkpoints\NEW01", VmVersion.Of(s_fresh)), JobService.Submitted[0].Request);
    }

    [Fact]
    public void ChooseStandard_OnADomainController_Warns()
    {
        Open(s_dc);
        Assert.Empty(Dialogs.FindAll("[data-testid=standard-warning]"));

        ChooseType("Standard");

        Dialogs.WaitForAssertion(() => Assert.Contains("domain controller", Dialogs.Find("[data-testid=standard-warning]").Text(), StringComparison.Ordinal),
            TestTimeouts.Short);
        Dialogs.DialogButton(Title, "Save settings").Click();
        Dialogs.WaitForAssertion(() => Assert.Single(JobService.Submitted), TestTimeouts.Short);
        Assert.Equal(CheckpointType.Standard, ((ChangeCheckpointSettingsRequest)JobService.Submitted[0].Request).CheckpointType);
    }

    [Fact]
    public void Open_OldConfigurationVersion_DisablesTheTypeWithTheReason()
    {
        Open(s_old);

        Assert.Contains("older than 6.2", Dialogs.Find("[data-testid=type-locked]").Text(), StringComparison.Ordinal);
        Assert.All(Dialogs.FindAll("[role=dialog] input[type=radio]"), r => Assert.True(r.IsDisabled()));
    }

    private void Open(VirtualMachine vm)
    {
        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, vm.Id));
        cut.Button("Checkpoint settings").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Dialog(Title), TestTimeouts.Short);
    }

    private void ChooseType(string label) =>
        Dialogs.FindAll("[role=dialog] .mud-radio").Single(r => r.Text() == label).QuerySelector("input")!.Click();
}
