using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.SimulatorHarness;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Model;

/// <summary><c>ApplySnapshot</c>: Off or Saved only, Production leaves the VM Off, Standard restores its saved state.</summary>
public sealed partial class SimulatedHostTests
{
    [Fact]
    public void ApplySnapshot_RunningVm_ReturnsInvalidStateThroughModelAndCim()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP10");
        var checkpoint = sim.Checkpoint(host, vm);

        var model = host.ApplySnapshot(checkpoint.Id);
        var cim = server.Invoke(SnapshotService(host), "ApplySnapshot",
            new Dictionary<string, object?> { ["Snapshot"] = SimulatedCim.SettingReference(checkpoint.Id) });

        Assert.Equal(HyperVSchema.ReturnCode.MsvmInvalidState, model.ReturnValue);
        Assert.Equal(HyperVSchema.ReturnCode.MsvmInvalidState, cim.ReturnValue);
        Assert.Null(cim.OutParameters.GetReference("Job"));
        Assert.Equal(VmState.Running, vm.State);
        Assert.Equal(VmActivity.None, vm.Activity);
    }

    [Fact]
    public void ApplySnapshot_ProductionCheckpointOnOffVm_LeavesVmOff()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var (vm, production, _) = ProductionThenStandard(sim, host);

        var result = server.Invoke(SnapshotService(host), "ApplySnapshot",
            new Dictionary<string, object?> { ["Snapshot"] = SimulatedCim.SettingReference(production.Id) });
        Assert.Equal(VmActivity.ApplyingCheckpoint, vm.Activity);
        sim.Advance(host, TimeSpan.FromSeconds(4));

        Assert.Equal(HyperVSchema.JobState.Completed, server.Get(JobOf(result)).GetUInt16("JobState"));
        Assert.Equal(VmState.Off, vm.State);
        Assert.Equal((ushort)VmState.Off, VmInstance(server, vm).GetUInt16("EnabledState"));
    }

    [Fact]
    public void ApplySnapshot_StandardCheckpointOnOffVm_LeavesVmSaved()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var (vm, _, standard) = ProductionThenStandard(sim, host);

        var outcome = host.ApplySnapshot(standard.Id);
        sim.Finish(host, outcome.Job);

        Assert.Equal(VmState.Saved, vm.State);
        Assert.Equal((ushort)VmState.Saved, VmInstance(server, vm).GetUInt16("EnabledState"));
        Assert.True(Settings(server, vm.Id).GetBoolean("IsSaved"));
    }

    [Fact]
    public void ApplySnapshot_Completed_MovesNowUnderCheckpointAndDeletesDiscardedDisk()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var (vm, production, standard) = ProductionThenStandard(sim, host);
        var discarded = Assert.Single(vm.Disks);
        Assert.NotNull(host.Storage.Find(discarded));

        var outcome = host.ApplySnapshot(production.Id);
        sim.Finish(host, outcome.Job);

        Assert.Equal(production.Id, vm.CurrentCheckpointId);
        Assert.Null(host.Storage.Find(discarded));
        var running = Assert.Single(vm.Disks);
        Assert.EndsWith(".avhdx", running, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(production.Disks[0], host.Storage.Find(running)?.ParentPath);
        Assert.Equal([production.Id, standard.Id], vm.Checkpoints.Select(c => c.Id));
        Assert.All(vm.ReferencedFiles(), path => Assert.NotNull(host.Storage.Find(path)));
        var parent = Settings(server, vm.Id).GetReference("Parent");
        Assert.Equal(HyperVSchema.InstanceIdFor(production.Id), parent?["InstanceID"]);
    }

    [Fact]
    public void ApplySnapshot_SavedVm_IsAllowed()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "APP11", VmState.Running, checkpointType: 5);
        var checkpoint = sim.Checkpoint(host, vm);
        vm.State = VmState.Saved;

        var outcome = host.ApplySnapshot(checkpoint.Id);
        sim.Finish(host, outcome.Job);

        Assert.Equal(HyperVSchema.JobState.Completed, outcome.Job!.State);
        Assert.Equal(VmState.Saved, vm.State);
    }

    /// <summary>
    /// A running VM with a production checkpoint, then a standard one on top, then turned off through
    /// <c>RequestStateChange</c>.
    /// </summary>
    private static (SimulatedVm Vm, SimulatedCheckpoint Production, SimulatedCheckpoint Standard) ProductionThenStandard(
        SimulatorHarness sim, SimulatedHost host)
    {
        var vm = AddVm(host, "APP12", VmState.Running, checkpointType: 3);
        var production = sim.Checkpoint(host, vm);
        vm.UserSnapshotType = 5;
        var standard = sim.Checkpoint(host, vm);
        Assert.False(production.IsSaved);
        Assert.True(standard.IsSaved);
        var off = host.RequestStateChange(vm.Id, 3);
        sim.Finish(host, off.Job);
        Assert.Equal(VmState.Off, vm.State);
        return (vm, production, standard);
    }
}
