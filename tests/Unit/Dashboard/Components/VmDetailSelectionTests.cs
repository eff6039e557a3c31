using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>A checkpoint that appears while the page is open can be selected like any other.</summary>
public sealed class VmDetailSelectionTests : DashboardTestContext
{
    private static readonly VirtualMachine s_bare = Fleets.Vm("BARE");

    public VmDetailSelectionTests()
        : base(Fleets.Snapshot([s_bare]))
    {
    }

    [Fact]
    public void SelectCheckpoint_AddedAfterThePageOpened_ShowsItsDetails()
    {
        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, s_bare.Id));
        Assert.Equal(["Now"], cut.FindAll(".mud-treeview-item-label").Select(e => e.TextContent.Trim()));

        var added = new Checkpoint(Guid.NewGuid(), s_bare.Id, "Fresh", null, Fleets.Now, CheckpointKind.Production, false, false, [], []);
        var (checkpoints, stats) = CheckpointTreeBuilder.Complete([added], added.Id, s_bare.Disks);
        Inventory.Publish(Fleets.Snapshot([s_bare with { Checkpoints = checkpoints, Stats = stats, CurrentCheckpointId = added.Id }], version: 2));
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-treeview-item-label"), e => e.TextContent.Trim() == "Fresh"), TestTimeouts.Short);

        cut.FindAll(".mud-treeview-item-content").First(e => e.TextContent.Contains("Fresh", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Contains("Fresh", cut.Find("[data-testid=checkpoint-details]").TextContent), TestTimeouts.Short);
        Assert.Contains(added.Id.ToString(), cut.Find("[data-testid=checkpoint-details]").TextContent);
    }
}
