using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>Creating checkpoints on the VMs selected in the grid: one request per VM, and what was accepted or refused.</summary>
public sealed class VmsBulkCreateTests : DashboardTestContext
{
    private static readonly VirtualMachine s_web = Fleets.Vm("WEB01");
    private static readonly VirtualMachine s_app = Fleets.Vm("APP01", checkpoints: 2);
    private static readonly VirtualMachine s_off = Fleets.Vm("NOCP01", type: CheckpointType.Disabled);

    public VmsBulkCreateTests()
        : base(Fleets.Snapshot([s_web, s_app, s_off]))
    {
    }

    [Fact]
    public void CreateOnSelected_SubmitsOnePerVmAndReportsRefusals()
    {
        JobService.Reject = r => r.VmId == s_app.Id ? new JobRejectedException(JobRejection.Conflict, "APP01 is busy: a merge is running.") : null;
        var cut = Render<Vms>();
        foreach (var checkbox in cut.FindAll("tbody tr.mud-table-row input[type=checkbox]").Take(3).ToList())
        {
            checkbox.Change(true);
        }

        cut.WaitForAssertion(() => cut.Button("Create checkpoint on 3 VMs"), TestTimeouts.Short);
        cut.Button("Create checkpoint on 3 VMs").Click();
        Dialogs.WaitForAssertion(() =>
            Assert.Contains("NOCP01: Checkpoints are disabled", Dialogs.Find("[data-testid=bulk-skipped]").Text(), StringComparison.Ordinal), TestTimeouts.Short);
        Dialogs.Find("#bulk-checkpoint-name").Input("Before release 4.2");
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.DialogButton("Create checkpoint on 3 VMs", "Create checkpoint on 2 VMs").IsDisabled()),
            TestTimeouts.Short);
        Dialogs.DialogButton("Create checkpoint on 3 VMs", "Create checkpoint on 2 VMs").Click();

        Dialogs.WaitForAssertion(() =>
        {
            Assert.Equal("1 of 3 accepted; 2 refused.", Dialogs.Find("[data-testid=bulk-outcome]").Text());
            var refused = Dialogs.FindAll("[data-testid=bulk-refused] li").Select(li => li.Text()).ToList();
            Assert.Contains("APP01: APP01 is busy: a merge is running.", refused);
            Assert.Contains(refused, r => r.StartsWith("NOCP01: Checkpoints are disabled", StringComparison.Ordinal));
        }, TestTimeouts.Short);
        var requests = JobService.Submitted.Select(s => s.Request).OrderBy(r => r.VmId).ToList();
        Assert.Equal(
            new JobRequest[]
            {
                new CreateCheckpointRequest(s_web.Id, "Before release 4.2", VmVersion.Of(s_web)),
                new CreateCheckpointRequest(s_app.Id, "Before release 4.2", VmVersion.Of(s_app)),
            }.OrderBy(r => r.VmId),
            requests);
    }

    [Fact]
    public void NoSelection_OffersNoBulkAction()
    {
        var cut = Render<Vms>();

        Assert.DoesNotContain(cut.FindAll("button"), b => b.Text().StartsWith("Create checkpoint on", StringComparison.Ordinal));
    }
}
