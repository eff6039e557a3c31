using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.SimulatorHarness;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Model;

/// <summary><c>Msvm_ComputerSystem.RequestStateChange</c>, job cancellation and job retention.</summary>
public sealed partial class SimulatedHostTests
{
    [Theory]
    [InlineData(VmState.Off, (ushort)2, VmState.Starting, VmState.Running)]
    [InlineData(VmState.Saved, (ushort)2, VmState.Starting, VmState.Running)]
    [InlineData(VmState.Paused, (ushort)2, VmState.Starting, VmState.Running)]
    [InlineData(VmState.Running, (ushort)3, VmState.Stopping, VmState.Off)]
    [InlineData(VmState.Running, (ushort)6, VmState.Saving, VmState.Saved)]
    [InlineData(VmState.Running, (ushort)9, VmState.Pausing, VmState.Paused)]
    public void RequestStateChange_ValidTransition_PassesThroughTransitionalState(
        VmState initial, ushort requested, VmState transitional, VmState final)
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP40", initial);

        var result = server.Invoke(SimulatedCim.ComputerSystemReference(vm.Id), "RequestStateChange",
            new Dictionary<string, object?> { ["RequestedState"] = requested });
        var job = JobOf(result);

        Assert.Equal(transitional, vm.State);
        Assert.Equal(transitional, ReportedState(server, vm));
        sim.Advance(host, TimeSpan.FromSeconds(5));
        Assert.Equal(HyperVSchema.JobState.Completed, server.Get(job).GetUInt16("JobState"));
        Assert.Equal(final, vm.State);
        Assert.Equal(final, ReportedState(server, vm));
        Assert.Equal(sim.Time.GetUtcNow() - TimeSpan.FromSeconds(5), vm.StateChanged, TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData(VmState.Off, (ushort)3)]
    [InlineData(VmState.Off, (ushort)6)]
    [InlineData(VmState.Off, (ushort)9)]
    [InlineData(VmState.Saved, (ushort)6)]
    [InlineData(VmState.Saved, (ushort)9)]
    [InlineData(VmState.Paused, (ushort)9)]
    [InlineData(VmState.Running, (ushort)2)]
    [InlineData(VmState.Running, (ushort)4242)]
    public void RequestStateChange_InvalidTransition_ReturnsInvalidState(VmState initial, ushort requested)
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP41", initial);

        var result = server.Invoke(SimulatedCim.ComputerSystemReference(vm.Id), "RequestStateChange",
            new Dictionary<string, object?> { ["RequestedState"] = requested });

        Assert.Equal(HyperVSchema.ReturnCode.MsvmInvalidState, result.ReturnValue);
        Assert.Equal(initial, vm.State);
    }

    [Theory]
    [InlineData(true, (ushort)3, 1)]
    [InlineData(false, (ushort)3, 0)]
    [InlineData(true, (ushort)2, 0)]
    public void RequestStateChange_StartWithAutomaticCheckpoints_TakesAutomaticCheckpoint(bool automatic, ushort type, int expected)
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP42", VmState.Off, type);
        vm.AutomaticCheckpoints = automatic;
        var baseDisk = vm.Disks[0];

        var outcome = host.RequestStateChange(vm.Id, 2);
        sim.Finish(host, outcome.Job);

        Assert.Equal(VmState.Running, vm.State);
        Assert.Equal(expected, vm.Checkpoints.Count);
        if (expected == 1)
        {
            var checkpoint = vm.Checkpoints[0];
            Assert.True(checkpoint.IsAutomatic);
            Assert.False(checkpoint.IsSaved);
            Assert.StartsWith("Automatic Checkpoint - APP42 - (", checkpoint.Name, StringComparison.Ordinal);
            Assert.True(Settings(server, checkpoint.Id).GetBoolean("IsAutomaticSnapshot"));
            Assert.Equal(checkpoint.Id, vm.CurrentCheckpointId);
            Assert.Equal(baseDisk, host.Storage.Find(vm.Disks[0])?.ParentPath);
        }
    }

    [Fact]
    public void RequestJobStateChange_CancelCreateJob_TerminatesWithoutCheckpoint()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP43");
        var disks = vm.Disks.ToList();
        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Advance(host, TimeSpan.FromSeconds(1));
        Assert.True(JobInstance(server, outcome.Job).GetBoolean("Cancellable"));

        var result = server.Invoke(SimulatedCim.JobReference(outcome.Job!.InstanceId), "RequestStateChange",
            new Dictionary<string, object?> { ["RequestedState"] = (ushort)4 });
        sim.Advance(host, TimeSpan.FromMinutes(1));

        Assert.Equal(HyperVSchema.ReturnCode.Completed, result.ReturnValue);
        var job = JobInstance(server, outcome.Job);
        Assert.Equal(HyperVSchema.JobState.Terminated, job.GetUInt16("JobState"));
        Assert.InRange(job.GetUInt16("PercentComplete") ?? 0, 1, 99);
        Assert.Empty(vm.Checkpoints);
        Assert.Null(vm.CurrentCheckpointId);
        Assert.Equal(disks, vm.Disks);
        Assert.Equal(VmActivity.None, vm.Activity);
        Assert.Equal(HyperVSchema.ReturnCode.JobStarted, host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full).ReturnValue);
    }

    [Fact]
    public void RequestJobStateChange_FinishedJob_ReturnsInvalidTransition()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "APP44");
        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Finish(host, outcome.Job);

        Assert.Equal(4097u, host.RequestJobStateChange(outcome.Job!.InstanceId, 4));
        Assert.Equal(HyperVSchema.JobState.Completed, outcome.Job.State);
        Assert.Single(vm.Checkpoints);
    }

    [Fact]
    public void ConcreteJob_FinishedJob_DisappearsFiveMinutesAfterItEnds()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP45");
        var outcome = host.CreateSnapshot(vm.Id, HyperVSchema.SnapshotKind.Full);
        sim.Finish(host, outcome.Job);
        var reference = SimulatedCim.JobReference(outcome.Job!.InstanceId);

        sim.Advance(host, TimeSpan.FromMinutes(4));
        var after4 = server.Query(CimNamespaces.Virtualization, "SELECT * FROM Msvm_ConcreteJob");
        Assert.Equal(TimeSpan.FromMinutes(5), server.Get(reference).GetInterval("TimeBeforeRemoval"));
        sim.Advance(host, TimeSpan.FromMinutes(2));
        var after6 = server.Query(CimNamespaces.Virtualization, "SELECT * FROM Msvm_ConcreteJob");

        Assert.Contains(after4, j => j.GetString("InstanceID") == outcome.Job.InstanceId);
        Assert.DoesNotContain(after6, j => j.GetString("InstanceID") == outcome.Job.InstanceId);
        var missing = Assert.Throws<CimException>(() => server.Get(reference));
        Assert.Equal(CimErrorKind.NotFound, missing.Kind);
    }

    private static VmState ReportedState(SimulatedCimServer server, SimulatedVm vm)
    {
        var instance = VmInstance(server, vm);
        return HyperVMapper.MapState(instance.GetUInt16("EnabledState"), instance.GetString("OtherEnabledState"));
    }
}
