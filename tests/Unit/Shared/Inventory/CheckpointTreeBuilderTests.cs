using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.Shared.Inventory.InventoryTestData;

namespace CheckpointDashboard.Tests.Unit.Shared.Inventory;

public class CheckpointTreeBuilderTests
{
    private static readonly TimeSpan s_noHang = TimeSpan.FromSeconds(5);

    private const string Base = @"C:\VMs\DC01\Virtual Hard Disks\DC01.vhdx";
    private const string DiffA = @"C:\VMs\DC01\Virtual Hard Disks\DC01_A.avhdx";
    private const string DiffB = @"C:\VMs\DC01\Virtual Hard Disks\DC01_B.avhdx";
    private const string DiffC = @"C:\VMs\DC01\Virtual Hard Disks\DC01_C.avhdx";

    [Fact]
    public void Complete_NoCheckpoints_ReturnsEmptyListAndEmptyStats()
    {
        var (checkpoints, stats) = CheckpointTreeBuilder.Complete([], G(1), [Disk(DiffA)]);

        Assert.Empty(checkpoints);
        Assert.Equal(CheckpointStats.Empty, stats);
    }

    [Fact]
    public void Complete_LinearChain_DepthIsChainLengthAndNoBranches()
    {
        Checkpoint[] input = [Cp(1, null, 0), Cp(2, 1, 10), Cp(3, 2, 20), Cp(4, 3, 30)];

        var (_, stats) = CheckpointTreeBuilder.Complete(input, G(4), []);

        Assert.Equal(4, stats.MaxDepth);
        Assert.Equal(0, stats.Branches);
        Assert.Equal(4, stats.Count);
    }

    [Fact]
    public void Complete_LinearChain_EachCheckpointHoldsTheDiskOfWhatFollowsIt()
    {
        Checkpoint[] input =
        [
            Cp(1, null, 0, disks: Disk(Base)),
            Cp(2, 1, 10, disks: Disk(DiffA)),
            Cp(3, 2, 20, disks: Disk(DiffB)),
        ];

        var (checkpoints, _) = CheckpointTreeBuilder.Complete(input, G(3), [Disk(DiffC)]);

        Assert.Equal([DiffA], Paths(Find(checkpoints, 1).HeldDisks));
        Assert.Equal([DiffB], Paths(Find(checkpoints, 2).HeldDisks));
        Assert.Equal([DiffC], Paths(Find(checkpoints, 3).HeldDisks));
    }

    [Fact]
    public void Complete_CheckpointWithTwoCheckpointChildren_HoldsBothChildrenDisksAndIsABranch()
    {
        Checkpoint[] input =
        [
            Cp(1, null, 0, disks: Disk(Base)),
            Cp(2, 1, 10, disks: Disk(DiffA)),
            Cp(3, 1, 20, disks: Disk(DiffB)),
        ];

        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(input, G(3), [Disk(DiffC)]);

        Assert.Equal([DiffA, DiffB], Paths(Find(checkpoints, 1).HeldDisks));
        Assert.Empty(Find(checkpoints, 2).HeldDisks);
        Assert.Equal([DiffC], Paths(Find(checkpoints, 3).HeldDisks));
        Assert.Equal(1, stats.Branches);
        Assert.Equal(2, stats.MaxDepth);
    }

    [Fact]
    public void Complete_CheckpointWithOneChildAndNow_HoldsBothAndIsABranch()
    {
        Checkpoint[] input =
        [
            Cp(1, null, 0, disks: Disk(Base)),
            Cp(2, 1, 10, disks: Disk(DiffA)),
        ];

        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(input, G(1), [Disk(DiffB)]);

        Assert.Equal([DiffA, DiffB], Paths(Find(checkpoints, 1).HeldDisks));
        Assert.Empty(Find(checkpoints, 2).HeldDisks);
        Assert.Equal(1, stats.Branches);
    }

    [Fact]
    public void Complete_NowDerivesFromOtherCheckpoint_NowDisksAreNotHeldByThisOne()
    {
        Checkpoint[] input =
        [
            Cp(1, null, 0, disks: Disk(Base)),
            Cp(2, 1, 10, disks: Disk(DiffA)),
        ];

        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(input, G(2), [Disk(DiffB)]);

        Assert.Equal([DiffA], Paths(Find(checkpoints, 1).HeldDisks));
        Assert.Equal([DiffB], Paths(Find(checkpoints, 2).HeldDisks));
        Assert.Equal(0, stats.Branches);
    }

    [Fact]
    public void Complete_HeldDisks_ExcludeOwnFilesAndDeduplicateCaseInsensitively()
    {
        const string own = @"C:\VMs\DC01\Data_X.avhdx";
        Checkpoint[] input =
        [
            Cp(1, null, 0, disks: [Disk(Base), Disk(own)]),

            // The child still references a file the parent references too (a disk the child did not change).
            Cp(2, 1, 10, disks: [Disk(own.ToUpperInvariant()), Disk(DiffA)]),
            Cp(3, 1, 20, disks: Disk(DiffA.ToLowerInvariant())),
        ];

        var (checkpoints, _) = CheckpointTreeBuilder.Complete(input, G(1), [Disk(DiffA.ToUpperInvariant())]);

        Assert.Equal([DiffA], Paths(Find(checkpoints, 1).HeldDisks));
    }

    [Fact]
    public void Complete_BaseVhdxReferencedByChildOrNow_IsNeverHeld()
    {
        const string dataDisk = @"D:\Data\DC01-data.vhdx";
        const string legacyDiff = @"D:\Data\DC01-data_1.AVHD";
        Checkpoint[] input =
        [
            Cp(1, null, 0, disks: Disk(Base)),

            // A disk attached after the checkpoint is a plain .vhdx in the child: it is not the checkpoint's.
            Cp(2, 1, 10, disks: [Disk(DiffA), Disk(dataDisk)]),
        ];

        var (checkpoints, _) = CheckpointTreeBuilder.Complete(input, G(2), [Disk(DiffB), Disk(dataDisk), Disk(legacyDiff)]);

        Assert.Equal([DiffA], Paths(Find(checkpoints, 1).HeldDisks));
        Assert.Equal([DiffB, legacyDiff], Paths(Find(checkpoints, 2).HeldDisks));
    }

    [Fact]
    public void Complete_KnownSizes_HeldBytesAreSummedPerCheckpointAndInStats()
    {
        Checkpoint[] input =
        [
            Cp(1, null, 0, disks: Disk(Base, 50_000)),
            Cp(2, 1, 10, disks: Disk(DiffA, 1_000)),
            Cp(3, 1, 20, disks: Disk(DiffB, 2_000)),
        ];

        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(input, G(3), [Disk(DiffC, 400)]);

        Assert.Equal(3_000, Find(checkpoints, 1).HeldBytes);
        Assert.Equal(0, Find(checkpoints, 2).HeldBytes);
        Assert.Equal(400, Find(checkpoints, 3).HeldBytes);
        Assert.Equal(3_400, stats.HeldBytes);
        Assert.True(stats.SizesKnown);
    }

    [Fact]
    public void Complete_HeldDiskWithUnknownSize_SizesNotKnownAndOnlyKnownBytesCount()
    {
        Checkpoint[] input =
        [
            Cp(1, null, 0, disks: Disk(Base, 50_000)),
            Cp(2, 1, 10, disks: Disk(DiffA, null)),
        ];

        var (_, stats) = CheckpointTreeBuilder.Complete(input, G(2), [Disk(DiffB, 700)]);

        Assert.False(stats.SizesKnown);
        Assert.Equal(700, stats.HeldBytes);
    }

    [Fact]
    public void Complete_UnknownSizeOnlyOnDisksNobodyHolds_SizesStillKnown()
    {
        Checkpoint[] input = [Cp(1, null, 0, disks: Disk(Base, null))];

        var (_, stats) = CheckpointTreeBuilder.Complete(input, G(1), [Disk(DiffA, 10), Disk(@"D:\other.vhdx", null)]);

        Assert.True(stats.SizesKnown);
        Assert.Equal(10, stats.HeldBytes);
    }

    [Fact]
    public void Complete_ParentNotAmongCheckpoints_BecomesRoot()
    {
        Checkpoint[] input = [Cp(1, null, 0), Cp(2, 99, 10), Cp(3, 2, 20)];

        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(input, null, []);

        Assert.Null(Find(checkpoints, 2).ParentId);
        Assert.Equal(G(2), Find(checkpoints, 3).ParentId);
        Assert.Equal(2, stats.MaxDepth);
    }

    [Fact]
    public async Task Complete_TwoCheckpointCycle_IsCutAndDoesNotHang()
    {
        Checkpoint[] input = [Cp(1, 2, 0), Cp(2, 1, 10)];

        var (checkpoints, stats) = await Task.Run(() => CheckpointTreeBuilder.Complete(input, G(2), []), TestContext.Current.CancellationToken)
            .WaitAsync(s_noHang, TestContext.Current.CancellationToken);

        var root = Assert.Single(checkpoints, c => c.ParentId is null);
        var child = Assert.Single(checkpoints, c => c.ParentId is not null);
        Assert.Equal(root.Id, child.ParentId);
        Assert.Equal(2, stats.MaxDepth);
        Assert.Equal(2, stats.Count);
    }

    [Fact]
    public async Task Complete_SelfParent_BecomesRootAndDoesNotHang()
    {
        Checkpoint[] input = [Cp(1, 1, 0), Cp(2, 1, 10)];

        var (checkpoints, stats) = await Task.Run(() => CheckpointTreeBuilder.Complete(input, null, []), TestContext.Current.CancellationToken)
            .WaitAsync(s_noHang, TestContext.Current.CancellationToken);

        Assert.Null(Find(checkpoints, 1).ParentId);
        Assert.Equal(G(1), Find(checkpoints, 2).ParentId);
        Assert.Equal(2, stats.MaxDepth);
    }

    [Fact]
    public async Task Complete_CycleBehindATail_EveryCheckpointEndsUpInOneTreeWithoutHanging()
    {
        // 4 → 1 → 2 → 3 → 1: a tail leading into a three-checkpoint loop.
        Checkpoint[] input = [Cp(4, 1, 0), Cp(1, 2, 10), Cp(2, 3, 20), Cp(3, 1, 30)];

        var (checkpoints, stats) = await Task.Run(() => CheckpointTreeBuilder.Complete(input, G(4), []), TestContext.Current.CancellationToken)
            .WaitAsync(s_noHang, TestContext.Current.CancellationToken);

        Assert.Single(checkpoints, c => c.ParentId is null);
        Assert.Equal(4, stats.MaxDepth);
        var vm = new VirtualMachine { Id = VmId, Name = "DC01", Host = "HV01", State = VmState.Running, CurrentCheckpointId = G(4), Checkpoints = checkpoints };
        var tree = await Task.Run(() => CheckpointTreeNode.Build(vm), TestContext.Current.CancellationToken)
            .WaitAsync(s_noHang, TestContext.Current.CancellationToken);
        Assert.Equal(5, tree.Sum(root => root.DescendantsAndSelf().Count()));
    }

    [Fact]
    public void Complete_MixedKinds_CountsEachKindAndSavedState()
    {
        Checkpoint[] input =
        [
            Cp(1, null, 0, CheckpointKind.Standard, saved: true),
            Cp(2, 1, 10, CheckpointKind.Production),
            Cp(3, 2, 20, CheckpointKind.Recovery),
            Cp(4, 3, 30, CheckpointKind.Replica),
            Cp(5, 4, 40, CheckpointKind.Standard, saved: true),
            Cp(6, 5, 50, CheckpointKind.Planned),
            Cp(7, 6, 60, CheckpointKind.Missing),
        ];

        var (_, stats) = CheckpointTreeBuilder.Complete(input, G(7), []);

        Assert.Equal(7, stats.Count);
        Assert.Equal(3, stats.UserCount);
        Assert.Equal(1, stats.RecoveryCount);
        Assert.Equal(1, stats.ReplicaCount);
        Assert.Equal(2, stats.WithSavedState);
    }

    [Fact]
    public void Complete_UnorderedInput_OutputIsOldestFirstWithOldestAndNewestInStats()
    {
        Checkpoint[] input = [Cp(3, 1, 30), Cp(1, null, -5), Cp(4, 3, 90), Cp(2, 1, 10)];

        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(input, null, []);

        Assert.Equal([G(1), G(2), G(3), G(4)], checkpoints.Select(c => c.Id));
        Assert.Equal(T0.AddMinutes(-5), stats.OldestCreated);
        Assert.Equal(T0.AddMinutes(90), stats.NewestCreated);
    }

    [Fact]
    public void Complete_CurrentCheckpointNotAmongCheckpoints_NowHoldsNothing()
    {
        Checkpoint[] input = [Cp(1, null, 0, disks: Disk(Base))];

        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(input, G(99), [Disk(DiffA, 5)]);

        Assert.Empty(Find(checkpoints, 1).HeldDisks);
        Assert.Equal(0, stats.HeldBytes);
    }

    [Fact]
    public void Complete_DefaultCurrentDisks_TreatedAsNone()
    {
        Checkpoint[] input = [Cp(1, null, 0, disks: Disk(Base))];

        var (checkpoints, stats) = CheckpointTreeBuilder.Complete(input, G(1), default);

        Assert.Empty(Find(checkpoints, 1).HeldDisks);
        Assert.Equal(0, stats.Branches);
    }

    [Fact]
    public void Complete_HeldDisksInInput_AreReplacedByDerivedOnes()
    {
        var stale = Cp(1, null, 0, disks: Disk(Base)) with { HeldDisks = [Disk(@"C:\old.avhdx", 999)] };

        var (checkpoints, _) = CheckpointTreeBuilder.Complete([stale], G(1), [Disk(DiffA, 1)]);

        Assert.Equal([DiffA], Paths(Find(checkpoints, 1).HeldDisks));
    }

    [Fact]
    public void Complete_DuplicateIds_KeepsTheFirst()
    {
        var first = Cp(1, null, 0);
        var duplicate = first with { Name = "duplicate" };

        var (checkpoints, stats) = CheckpointTreeBuilder.Complete([first, duplicate], null, []);

        Assert.Equal("cp1", Assert.Single(checkpoints).Name);
        Assert.Equal(1, stats.Count);
    }

    [Fact]
    public void Complete_NullList_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CheckpointTreeBuilder.Complete(null!, null, ImmutableArray<DiskFile>.Empty));
    }
}
