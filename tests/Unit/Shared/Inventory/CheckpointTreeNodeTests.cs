using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Inventory.InventoryTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Inventory;

public class CheckpointTreeNodeTests
{
    [Fact]
    public void Build_NowUnderCurrentCheckpoint_IsItsLastChild()
    {
        var vm = Vm([Cp(1, null, 0), Cp(2, 1, 10), Cp(3, 1, 20)], current: 1);

        var root = Assert.Single(CheckpointTreeNode.Build(vm));

        Assert.Equal(G(1), root.Checkpoint!.Id);
        Assert.Equal(3, root.Children.Length);
        Assert.Equal(G(2), root.Children[0].Checkpoint!.Id);
        Assert.Equal(G(3), root.Children[1].Checkpoint!.Id);
        Assert.True(root.Children[2].IsNow);
        Assert.Equal(2, root.Children[2].Depth);
    }

    [Fact]
    public void Build_NowUnderLeaf_IsOnlyChildOneLevelDeeper()
    {
        var vm = Vm([Cp(1, null, 0), Cp(2, 1, 10), Cp(3, 2, 20)], current: 3);

        var root = Assert.Single(CheckpointTreeNode.Build(vm));

        var leaf = root.Children.Single().Children.Single();
        Assert.Equal(G(3), leaf.Checkpoint!.Id);
        var now = Assert.Single(leaf.Children);
        Assert.True(now.IsNow);
        Assert.Equal(4, now.Depth);
        Assert.Empty(now.Children);
    }

    [Fact]
    public void Build_NoCurrentCheckpoint_NowIsLastRoot()
    {
        var vm = Vm([Cp(1, null, 0), Cp(2, null, 10)], current: null);

        var roots = CheckpointTreeNode.Build(vm);

        Assert.Equal(3, roots.Length);
        Assert.Equal(G(1), roots[0].Checkpoint!.Id);
        Assert.Equal(G(2), roots[1].Checkpoint!.Id);
        Assert.True(roots[2].IsNow);
        Assert.Equal(1, roots[2].Depth);
        Assert.Single(roots.SelectMany(r => r.DescendantsAndSelf()), n => n.IsNow);
    }

    [Fact]
    public void Build_CurrentCheckpointUnknown_NowIsAtRoot()
    {
        var vm = Vm([Cp(1, null, 0)], current: null) with { CurrentCheckpointId = G(42) };

        var roots = CheckpointTreeNode.Build(vm);

        Assert.Equal(2, roots.Length);
        Assert.True(roots[1].IsNow);
        Assert.Empty(roots[0].Children);
    }

    [Fact]
    public void Build_VmWithoutCheckpoints_IsJustNow()
    {
        var vm = Vm([], current: null);

        var only = Assert.Single(CheckpointTreeNode.Build(vm));

        Assert.True(only.IsNow);
        Assert.Null(only.Checkpoint);
        Assert.Equal(1, only.Depth);
    }

    [Fact]
    public void Build_Branches_DepthsFollowTheTree()
    {
        var vm = Vm([Cp(1, null, 0), Cp(2, 1, 10), Cp(3, 2, 20), Cp(4, 1, 30)], current: 4);

        var root = Assert.Single(CheckpointTreeNode.Build(vm));

        var depths = root.DescendantsAndSelf().ToDictionary(n => n.Checkpoint?.Id ?? Guid.Empty, n => n.Depth);
        Assert.Equal(1, depths[G(1)]);
        Assert.Equal(2, depths[G(2)]);
        Assert.Equal(3, depths[G(3)]);
        Assert.Equal(2, depths[G(4)]);
        Assert.Equal(3, depths[Guid.Empty]);
    }

    [Fact]
    public void DescendantsAndSelf_VisitsParentsBeforeChildrenInChildOrder()
    {
        // 1 ─┬─ 2 ── 3
        //    └─ 4 ── Now
        var vm = Vm([Cp(1, null, 0), Cp(2, 1, 10), Cp(3, 2, 20), Cp(4, 1, 30)], current: 4);

        var root = Assert.Single(CheckpointTreeNode.Build(vm));

        var order = root.DescendantsAndSelf().Select(n => n.IsNow ? "Now" : n.Checkpoint!.Name).ToArray();
        Assert.Equal(["cp1", "cp2", "cp3", "cp4", "Now"], order);
    }

    [Fact]
    public void DescendantsAndSelf_OnLeaf_IsJustTheLeaf()
    {
        var leaf = new CheckpointTreeNode(null, 3, []);

        Assert.Same(leaf, Assert.Single(leaf.DescendantsAndSelf()));
    }
}
