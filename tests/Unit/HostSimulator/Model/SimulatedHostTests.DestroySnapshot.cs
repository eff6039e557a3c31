using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.SimulatorHarness;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Model;

/// <summary><c>DestroySnapshot</c> and <c>DestroySnapshotTree</c>: the tree changes at once, the disks merge in a job.</summary>
public sealed partial class SimulatedHostTests
{
    [Fact]
    public void DestroySnapshot_MiddleCheckpoint_LeavesTreeAtOnceAndReparentsChild()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP20");
        var first = sim.Checkpoint(host, vm);
        var middle = sim.Checkpoint(host, vm);
        var last = sim.Checkpoint(host, vm);

        var result = server.Invoke(SnapshotService(host), "DestroySnapshot",
            new Dictionary<string, object?> { ["AffectedSnapshot"] = SimulatedCim.SettingReference(middle.Id) });
        var job = JobOf(result);

        Assert.Null(vm.FindCheckpoint(middle.Id));
        Assert.Equal(first.Id, last.ParentId);
        Assert.Equal(last.Id, vm.CurrentCheckpointId);
        var settings = server.Query(CimNamespaces.Virtualization, "SELECT * FROM Msvm_VirtualSystemSettingData");
        Assert.DoesNotContain(settings, s => s.GetString("InstanceID") == HyperVSchema.InstanceIdFor(middle.Id));
        Assert.Equal(HyperVSchema.InstanceIdFor(first.Id), Settings(server, last.Id).GetReference("Parent")?["InstanceID"]);
        Assert.Equal(HyperVSchema.JobState.Running, server.Get(job).GetUInt16("JobState"));
    }

    [Fact]
    public void DestroySnapshot_CurrentCheckpoint_MovesNowUpToItsParent()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP21");
        var first = sim.Checkpoint(host, vm);
        var second = sim.Checkpoint(host, vm);

        var outcome = host.DestroySnapshot(second.Id);

        Assert.Equal(first.Id, vm.CurrentCheckpointId);
        Assert.Equal(HyperVSchema.InstanceIdFor(first.Id), Settings(server, vm.Id).GetReference("Parent")?["InstanceID"]);
        sim.Finish(host, outcome.Job);
        Assert.Equal(first.Id, vm.CurrentCheckpointId);
    }

    [Fact]
    public void DestroySnapshot_WhileMerging_ReportsMergingDisksUntilJobEnds()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP22");
        var checkpoint = sim.Checkpoint(host, vm);

        var outcome = host.DestroySnapshot(checkpoint.Id);

        Assert.Equal(VmActivity.MergingDisks, vm.Activity);
        Assert.Equal([(ushort)2, (ushort)32772], VmInstance(server, vm).GetUInt16Array("OperationalStatus"));
        Assert.Equal(HyperVSchema.JobType.DeleteSnapshot, JobInstance(server, outcome.Job).GetUInt16("JobType"));
        sim.Finish(host, outcome.Job);
        Assert.Equal(VmActivity.None, vm.Activity);
        Assert.Equal([(ushort)2], VmInstance(server, vm).GetUInt16Array("OperationalStatus"));
        Assert.Equal(HyperVSchema.JobState.Completed, JobInstance(server, outcome.Job).GetUInt16("JobState"));
    }

    [Fact]
    public void DestroySnapshot_BiggerDifferencingDisk_TakesLonger()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var small = AddVm(host, "SMALL01");
        var big = AddVm(host, "BIG01");
        var smallCheckpoint = sim.Checkpoint(host, small);
        var bigCheckpoint = sim.Checkpoint(host, big);
        host.Storage.Find(small.Disks[0])!.SizeBytes = 2 * Gb;
        host.Storage.Find(big.Disks[0])!.SizeBytes = 20 * Gb;

        var smallJob = host.DestroySnapshot(smallCheckpoint.Id).Job!;
        var bigJob = host.DestroySnapshot(bigCheckpoint.Id).Job!;

        // 400 MB/s plus a second: 2 GB merges in about 6 s, 20 GB in about 52 s.
        Assert.InRange(smallJob.Duration, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7));
        Assert.InRange(bigJob.Duration, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(53));
        sim.Advance(host, smallJob.Duration + TimeSpan.FromSeconds(1));
        Assert.True(smallJob.IsFinished);
        Assert.False(bigJob.IsFinished);
        Assert.Equal(VmActivity.MergingDisks, big.Activity);
    }

    [Fact]
    public void DestroySnapshot_Completed_MergedChildIsGoneAndReferencesPointToSurvivor()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "APP23");
        var first = sim.Checkpoint(host, vm);
        var middle = sim.Checkpoint(host, vm);
        var last = sim.Checkpoint(host, vm);
        var survivor = middle.Disks[0];
        var merged = last.Disks[0];
        Assert.Equal(survivor, host.Storage.Find(merged)?.ParentPath);

        var outcome = host.DestroySnapshot(middle.Id);
        Assert.Equal(merged, last.Disks[0]);
        sim.Finish(host, outcome.Job);

        Assert.Null(host.Storage.Find(merged));
        Assert.NotNull(host.Storage.Find(survivor));
        Assert.Equal(survivor, last.Disks[0]);
        Assert.Equal(survivor, host.Storage.Find(vm.Disks[0])?.ParentPath);
        Assert.Equal(first.Disks[0], host.Storage.Find(survivor)?.ParentPath);
        AssertChainsConsistent(host, vm);
    }

    [Fact]
    public void DestroySnapshot_OnlyCheckpoint_VmRunsOnBaseDiskAgain()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "APP24", VmState.Running, 3, "9.0", ReplicationMode.None, 40 * Gb, 100 * Gb);
        var baseDisks = vm.Disks.ToList();
        var checkpoint = sim.Checkpoint(host, vm);
        var differencing = vm.Disks.ToList();

        var outcome = host.DestroySnapshot(checkpoint.Id);
        sim.Finish(host, outcome.Job);

        Assert.Empty(vm.Checkpoints);
        Assert.Null(vm.CurrentCheckpointId);
        Assert.Equal(baseDisks, vm.Disks);
        Assert.All(differencing, path => Assert.Null(host.Storage.Find(path)));
        Assert.Equal(baseDisks.Order(StringComparer.OrdinalIgnoreCase), host.Storage.Files.Select(f => f.Path).Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void DestroySnapshotTree_Subtree_RemovesCheckpointAndAllDescendants()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP25");
        var root = sim.Checkpoint(host, vm);
        var branch = sim.Checkpoint(host, vm);
        var leaf = sim.Checkpoint(host, vm);

        // A second branch under the root, kept by the tree delete.
        vm.State = VmState.Off;
        sim.Finish(host, host.ApplySnapshot(root.Id).Job);
        var sibling = sim.Checkpoint(host, vm);

        var result = server.Invoke(SnapshotService(host), "DestroySnapshotTree",
            new Dictionary<string, object?> { ["SnapshotSettingData"] = SimulatedCim.SettingReference(branch.Id) });
        sim.Advance(host, TimeSpan.FromMinutes(1));

        Assert.Equal(HyperVSchema.JobState.Completed, server.Get(JobOf(result)).GetUInt16("JobState"));
        Assert.Equal([root.Id, sibling.Id], vm.Checkpoints.Select(c => c.Id));
        Assert.Null(vm.FindCheckpoint(leaf.Id));
        Assert.Equal(sibling.Id, vm.CurrentCheckpointId);
        AssertChainsConsistent(host, vm);
        Assert.All(host.Storage.Files, f => Assert.Contains(f.Path, vm.ReferencedFiles()));
    }

    [Fact]
    public void DestroySnapshotTree_BranchNothingDependsOn_DeletesFilesWithoutMerging()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "APP28");
        var root = sim.Checkpoint(host, vm);
        var branch = sim.Checkpoint(host, vm);
        var leaf = sim.Checkpoint(host, vm);
        vm.State = VmState.Off;
        sim.Finish(host, host.ApplySnapshot(root.Id).Job);
        host.Storage.Find(branch.Disks[0])!.SizeBytes = 20 * Gb;
        host.Storage.Find(leaf.Disks[0])!.SizeBytes = 20 * Gb;

        var outcome = host.DestroySnapshotTree(branch.Id);

        // Nothing left derives from the branch's files: they are deleted, not merged into each other first.
        Assert.Equal(VmActivity.DeletingCheckpoint, vm.Activity);
        Assert.True(outcome.Job!.Duration < TimeSpan.FromSeconds(2), $"took {outcome.Job.Duration}");
        sim.Finish(host, outcome.Job);
        Assert.Null(host.Storage.Find(branch.Disks[0]));
        Assert.Null(host.Storage.Find(leaf.Disks[0]));
        AssertChainsConsistent(host, vm);
    }

    [Fact]
    public void DestroySnapshot_BusyVm_IsRefused()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "APP26");
        var first = sim.Checkpoint(host, vm);
        var second = sim.Checkpoint(host, vm);
        var merging = host.DestroySnapshot(second.Id);

        Assert.Equal(HyperVSchema.ReturnCode.InvalidState, host.DestroySnapshot(first.Id).ReturnValue);
        Assert.Equal(HyperVSchema.ReturnCode.MsvmInvalidState, host.DestroySnapshotTree(first.Id).ReturnValue);
        Assert.Equal(HyperVSchema.ReturnCode.InvalidState, host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full).ReturnValue);
        Assert.Equal(HyperVSchema.ReturnCode.MsvmInvalidState, host.RequestStateChange(vm.Id, 3).ReturnValue);
        sim.Finish(host, merging.Job);
        Assert.Equal(HyperVSchema.ReturnCode.JobStarted, host.DestroySnapshot(first.Id).ReturnValue);
    }

    [Fact]
    public void DestroySnapshot_MergeJob_CannotBeCancelled()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP27");
        var checkpoint = sim.Checkpoint(host, vm);
        var outcome = host.DestroySnapshot(checkpoint.Id);

        var model = host.RequestJobStateChange(outcome.Job!.InstanceId, 4);
        var cim = server.Invoke(SimulatedCim.JobReference(outcome.Job.InstanceId), "RequestStateChange",
            new Dictionary<string, object?> { ["RequestedState"] = (ushort)5 });

        Assert.Equal(4097u, model);
        Assert.Equal(4097u, cim.ReturnValue);
        Assert.False(JobInstance(server, outcome.Job).GetBoolean("Cancellable"));
        Assert.Equal(HyperVSchema.JobState.Running, outcome.Job.State);
        sim.Finish(host, outcome.Job);
        Assert.Equal(HyperVSchema.JobState.Completed, outcome.Job.State);
    }
}
