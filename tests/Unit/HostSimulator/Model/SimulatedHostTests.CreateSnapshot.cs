using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.SimulatorHarness;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Model;

/// <summary><c>CreateSnapshot</c>: jobs, the tree and disks it leaves, and the checkpoint types of §1.3.</summary>
public sealed partial class SimulatedHostTests
{
    [Fact]
    public void CreateSnapshot_ThroughCim_StartsJobWhoseProgressFollowsTheClock()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP01");

        var result = server.Invoke(SnapshotService(host), "CreateSnapshot", new Dictionary<string, object?>
        {
            ["AffectedSystem"] = SimulatedCim.ComputerSystemReference(vm.Id),
            ["SnapshotSettings"] = string.Empty,
            ["SnapshotType"] = HyperVSchema.SnapshotKind.Full,
        });
        var job = JobOf(result);

        var started = server.Get(job);
        Assert.Equal(HyperVSchema.JobState.Running, started.GetUInt16("JobState"));
        Assert.Equal((ushort)0, started.GetUInt16("PercentComplete"));
        Assert.Equal(HyperVSchema.JobType.SnapshotVm, started.GetUInt16("JobType"));
        Assert.Equal(VmActivity.CreatingCheckpoint, vm.Activity);

        // A production checkpoint of one disk on a guest that quiesces takes 2 + 0.5 + 1.5 = 4 seconds.
        sim.Advance(host, TimeSpan.FromSeconds(1));
        var quarter = server.Get(job).GetUInt16("PercentComplete");
        sim.Advance(host, TimeSpan.FromSeconds(2));
        var threeQuarters = server.Get(job).GetUInt16("PercentComplete");
        Assert.Equal((ushort)25, quarter);
        Assert.Equal((ushort)75, threeQuarters);
        Assert.Empty(vm.Checkpoints);

        sim.Advance(host, TimeSpan.FromSeconds(1));
        var done = server.Get(job);
        Assert.Equal(HyperVSchema.JobState.Completed, done.GetUInt16("JobState"));
        Assert.Equal((ushort)100, done.GetUInt16("PercentComplete"));
        Assert.Equal((ushort)0, done.GetUInt16("ErrorCode"));
        Assert.Single(vm.Checkpoints);
        Assert.Equal(VmActivity.None, vm.Activity);
    }

    [Fact]
    public void CreateSnapshot_Completed_ParentIsPreviousNowAndVmRunsOnNewDifferencingChildren()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "SQL01", VmState.Running, 5, "9.0", ReplicationMode.None, 60 * Gb, 200 * Gb);
        var first = sim.Checkpoint(host, vm);
        var disksBefore = vm.Disks.ToList();

        var second = sim.Checkpoint(host, vm);

        Assert.Equal(first.Id, second.ParentId);
        Assert.Equal(second.Id, vm.CurrentCheckpointId);
        Assert.Equal(disksBefore, second.Disks);
        Assert.Equal(2, vm.Disks.Count);
        for (var i = 0; i < vm.Disks.Count; i++)
        {
            Assert.EndsWith(".avhdx", vm.Disks[i], StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(vm.Disks[i], disksBefore);
            var file = host.Storage.Find(vm.Disks[i]);
            Assert.NotNull(file);
            Assert.Equal(disksBefore[i], file.ParentPath);
        }
    }

    [Fact]
    public void CreateSnapshot_JobAffectedElements_ReturnTheNewSnapshotSettings()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "WEB01");
        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Finish(host, outcome.Job);

        var created = server.Query(CimNamespaces.Virtualization,
            $"ASSOCIATORS OF {{Msvm_ConcreteJob.InstanceID='{outcome.Job!.InstanceId}'}} WHERE AssocClass = Msvm_AffectedJobElement ResultClass = Msvm_VirtualSystemSettingData");

        var snapshot = Assert.Single(created);
        Assert.Equal(HyperVSchema.InstanceIdFor(vm.CurrentCheckpointId!.Value), snapshot.GetString("InstanceID"));
        Assert.Equal(HyperVSchema.SystemType.SnapshotRealized, snapshot.GetString("VirtualSystemType"));
    }

    [Fact]
    public void CreateSnapshot_DefaultName_IsVmNameAndTwelveHourTimestamp()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "DC01", VmState.Running, checkpointType: 5);

        // A standard checkpoint of one disk takes 2.5 s: it completes at 13:05:11.5 UTC.
        var checkpoint = sim.Checkpoint(host, vm);

        Assert.Equal("DC01 - (03/14/2025 - 01:05:11 PM)", checkpoint.Name);
    }

    [Theory]
    [InlineData((ushort)5, true, true)]
    [InlineData((ushort)5, false, true)]
    [InlineData((ushort)3, true, false)]
    [InlineData((ushort)4, true, false)]
    public void CreateSnapshot_RunningVm_HoldsMemoryOnlyForStandard(ushort checkpointType, bool guestCanQuiesce, bool expectedSaved)
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP02", VmState.Running, checkpointType);
        vm.GuestCanQuiesce = guestCanQuiesce;

        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Finish(host, outcome.Job);

        Assert.Equal(HyperVSchema.JobState.Completed, JobInstance(server, outcome.Job).GetUInt16("JobState"));
        var checkpoint = Assert.Single(vm.Checkpoints);
        Assert.Equal(expectedSaved, checkpoint.IsSaved);
        Assert.Equal(expectedSaved, Settings(server, checkpoint.Id).GetBoolean("IsSaved"));
    }

    [Fact]
    public void CreateSnapshot_ProductionGuestCannotQuiesce_FallsBackToStandardWithWarning()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "K8S01", VmState.Running, checkpointType: 3);
        vm.GuestCanQuiesce = false;

        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Finish(host, outcome.Job);

        var job = JobInstance(server, outcome.Job);
        Assert.Equal(HyperVSchema.JobState.CompletedWithWarnings, job.GetUInt16("JobState"));
        Assert.Equal((ushort)0, job.GetUInt16("ErrorCode"));
        Assert.Contains("standard checkpoint", job.GetString("ErrorDescription"), StringComparison.OrdinalIgnoreCase);
        Assert.True(Assert.Single(vm.Checkpoints).IsSaved);
    }

    [Fact]
    public void CreateSnapshot_ProductionOnlyGuestCannotQuiesce_FailsWithoutCheckpoint()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "LNX-WEB01", VmState.Running, checkpointType: 4);
        vm.GuestCanQuiesce = false;
        var disks = vm.Disks.ToList();

        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Finish(host, outcome.Job);

        var job = JobInstance(server, outcome.Job);
        Assert.Equal(HyperVSchema.JobState.Exception, job.GetUInt16("JobState"));
        Assert.NotEqual((ushort)0, job.GetUInt16("ErrorCode"));
        Assert.Contains("ProductionOnly", job.GetString("ErrorDescription"), StringComparison.Ordinal);
        Assert.Empty(vm.Checkpoints);
        Assert.Equal(disks, vm.Disks);
        Assert.Equal(VmActivity.None, vm.Activity);
    }

    [Fact]
    public void CreateSnapshot_CheckpointsDisabled_FailsWithoutCheckpoint()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "PKI01", VmState.Running, checkpointType: 2);

        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Finish(host, outcome.Job);

        var job = JobInstance(server, outcome.Job);
        Assert.Equal(HyperVSchema.JobState.Exception, job.GetUInt16("JobState"));
        Assert.Contains("disabled", job.GetString("ErrorDescription"), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(vm.Checkpoints);
    }

    [Fact]
    public void CreateSnapshot_ReplicaVm_RefusesUserCheckpoint()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "DR-SQL01", VmState.Off, replication: ReplicationMode.Replica);

        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Finish(host, outcome.Job);

        Assert.Equal(HyperVSchema.JobState.Exception, JobInstance(server, outcome.Job).GetUInt16("JobState"));
        Assert.Empty(vm.Checkpoints);
    }

    [Fact]
    public void CreateSnapshot_RecoveryType_IsRecoverySnapshotOverCim()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "FS01");

        var checkpoint = sim.Checkpoint(host, vm, HyperVSchema.SnapshotKind.Recovery);

        var settings = Settings(server, checkpoint.Id);
        Assert.Equal(HyperVSchema.SystemType.SnapshotRecovery, settings.GetString("VirtualSystemType"));
        Assert.Equal(HyperVSchema.SystemType.SnapshotRecovery, checkpoint.SystemType);
        Assert.Equal(checkpoint.Id, vm.CurrentCheckpointId);
    }

    [Fact]
    public void CreateSnapshot_Version50_BehavesAsStandardAndReportsNoCheckpointType()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();

        // Configured ProductionOnly with a guest that cannot quiesce: a 6.2+ VM would fail; a 5.0 VM knows only Standard.
        var vm = AddVm(host, "OLD01", VmState.Running, checkpointType: 4, version: "5.0");
        vm.GuestCanQuiesce = false;

        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Finish(host, outcome.Job);

        Assert.Equal(HyperVSchema.JobState.Completed, JobInstance(server, outcome.Job).GetUInt16("JobState"));
        var checkpoint = Assert.Single(vm.Checkpoints);
        Assert.True(checkpoint.IsSaved);
        Assert.Null(Settings(server, vm.Id).GetUInt16("UserSnapshotType"));
        Assert.Null(Settings(server, checkpoint.Id).GetUInt16("UserSnapshotType"));
        Assert.Equal("5.0", Settings(server, vm.Id).GetString("Version"));
    }

    [Fact]
    public void CreateSnapshot_BusyVm_ReturnsInvalidState()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "APP03");
        var first = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);

        var second = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);

        Assert.Equal(HyperVSchema.ReturnCode.JobStarted, first.ReturnValue);
        Assert.Equal(HyperVSchema.ReturnCode.InvalidState, second.ReturnValue);
        Assert.Null(second.Job);
    }
}
