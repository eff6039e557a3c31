using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

public sealed class VmDetailPageTests : DashboardTestContext
{
    private static readonly VirtualMachine s_branched = BuildBranched();

    public VmDetailPageTests()
        : base(Fleets.Snapshot([s_branched]))
    {
    }

    [Fact]
    public void Render_BranchedTree_PutsNowUnderTheCurrentCheckpoint()
    {
        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, s_branched.Id));

        var labels = cut.FindAll(".mud-treeview-item-label").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Base", "Branch A", "Branch B", "Now"], labels);

        // "Now" is a child of Branch B (the current checkpoint), nested one level below it.
        var branchB = cut.FindAll("li.mud-treeview-item").Single(li => li.QuerySelector(".mud-treeview-item-label")!.TextContent.Trim() == "Branch B");
        Assert.Contains(branchB.QuerySelectorAll(".mud-treeview-item-label"), e => e.TextContent.Trim() == "Now");
        Assert.Contains("you are here", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectCheckpoint_ShowsItsDetailsDisksAndSize()
    {
        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, s_branched.Id));

        cut.FindAll(".mud-treeview-item-content").Single(e => e.TextContent.Contains("Base", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() =>
        {
            var details = cut.Find("[data-testid=checkpoint-details]").TextContent;
            Assert.Contains("Base", details, StringComparison.Ordinal);
            Assert.Contains(@"D:\VMs\X\X.vhdx", details, StringComparison.Ordinal);
            Assert.Contains(@"X_A.avhdx", details, StringComparison.Ordinal);
            Assert.Contains("3 GB", details, StringComparison.Ordinal);
            Assert.Contains("Standard (holds memory state)", details, StringComparison.Ordinal);
        }, TestTimeouts.Short);
    }

    [Fact]
    public void Render_UnknownVm_SaysItIsNotInTheInventory()
    {
        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, Guid.NewGuid()));

        Assert.Contains("Virtual machine not found", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_CheckpointAdded_TreeUpdatesLive()
    {
        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, s_branched.Id));
        var added = new Checkpoint(Guid.NewGuid(), s_branched.Id, "Fresh one", s_branched.CurrentCheckpointId, Fleets.Now, CheckpointKind.Production,
            false, false, [], []);
        var (checkpoints, stats) = CheckpointTreeBuilder.Complete([.. s_branched.Checkpoints, added], added.Id, s_branched.Disks);

        Inventory.Publish(Fleets.Snapshot([s_branched with { Checkpoints = checkpoints, Stats = stats, CurrentCheckpointId = added.Id }], version: 2));

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-treeview-item-label"), e => e.TextContent.Trim() == "Fresh one"), TestTimeouts.Short);
    }

    private static VirtualMachine BuildBranched()
    {
        var vmId = Guid.NewGuid();
        var root = Guid.NewGuid();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        const long gb = 1024L * 1024 * 1024;
        var rootDisk = new DiskFile(@"D:\VMs\X\X.vhdx", 40 * gb);
        var aDisk = new DiskFile(@"D:\VMs\X\X_A.avhdx", 2 * gb);
        var bDisk = new DiskFile(@"D:\VMs\X\X_B.avhdx", 1 * gb);
        var nowDisk = new DiskFile(@"D:\VMs\X\X_NOW.avhdx", 1 * gb);
        List<Checkpoint> raw =
        [
            new(root, vmId, "Base", null, Fleets.Now.AddDays(-30), CheckpointKind.Standard, false, true, [rootDisk], []),
            new(a, vmId, "Branch A", root, Fleets.Now.AddDays(-20), CheckpointKind.Production, false, false, [aDisk], []),
            new(b, vmId, "Branch B", root, Fleets.Now.AddDays(-10), CheckpointKind.Production, false, false, [bDisk], []),
        ];
        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(raw, b, [nowDisk]);
        return new VirtualMachine
        {
            Id = vmId,
            Name = "X",
            Host = "HV01",
            State = VmState.Running,
            CheckpointType = CheckpointType.Production,
            CurrentCheckpointId = b,
            Disks = [nowDisk],
            Checkpoints = checkpoints,
            Stats = stats,
        };
    }
}
