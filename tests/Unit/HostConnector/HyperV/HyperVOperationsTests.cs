using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.InProcess;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Tests.Unit.HostSimulator;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.HyperV;

/// <summary>Hyper-V's checkpoint methods through a CIM session onto the simulator (in process), job polling included.</summary>
public sealed class HyperVOperationsTests
{
    private readonly SimulatorHarness _sim = new();
    private readonly HyperVOperations _operations = new();
    private readonly SimulatedHost _host;
    private readonly ICimSession _session;

    public HyperVOperationsTests()
    {
        (_host, _) = _sim.AddHost("HV01");
        _session = new SimulatorTransportProvider(_sim.Fleet).Open(
            new CimConnection("HV01", new Uri("sim://HV01"), CimTransport.Simulator, null, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task CreateSnapshot_StartsAJobWhoseProgressEndsInTheNewCheckpoint()
    {
        var vm = SimulatorHarness.AddVm(_host, "VM01");

        var call = await _operations.CreateSnapshotAsync(_session, vm.Id, TestContext.Current.CancellationToken);

        Assert.True(call.StartedJob, call.Describe());
        var running = await _operations.GetJobAsync(_session, call.Job!, TestContext.Current.CancellationToken);
        Assert.False(running!.IsFinished);
        _sim.Advance(_host, TimeSpan.FromSeconds(1));
        var halfway = await _operations.GetJobAsync(_session, call.Job!, TestContext.Current.CancellationToken);
        Assert.InRange(halfway!.PercentComplete, 1, 99);
        _sim.Advance(_host, TimeSpan.FromMinutes(1));
        var done = await _operations.GetJobAsync(_session, call.Job!, TestContext.Current.CancellationToken);
        Assert.True(done!.Succeeded);
        var created = await _operations.FindCreatedCheckpointAsync(_session, call.Job!, TestContext.Current.CancellationToken);
        Assert.Equal(vm.Checkpoints.Single().Id, created);
    }

    [Fact]
    public async Task CreateSnapshot_ProductionFallsBack_JobSucceedsWithAWarning()
    {
        var vm = SimulatorHarness.AddVm(_host, "LNX01");
        vm.GuestCanQuiesce = false;

        var call = await _operations.CreateSnapshotAsync(_session, vm.Id, TestContext.Current.CancellationToken);
        _sim.Advance(_host, TimeSpan.FromMinutes(1));
        var done = await _operations.GetJobAsync(_session, call.Job!, TestContext.Current.CancellationToken);

        Assert.True(done!.Succeeded);
        Assert.True(done.CompletedWithWarnings);
        Assert.Contains("standard checkpoint was created instead", done.Error);
    }

    [Fact]
    public async Task ModifySettings_RenameCheckpoint_ReadModifyWriteKeepsTheRest()
    {
        var vm = SimulatorHarness.AddVm(_host, "VM01");
        var checkpointId = await TakeCheckpointAsync(vm);
        var current = await _operations.GetSettingsAsync(_session, checkpointId, TestContext.Current.CancellationToken);

        var call = await _operations.ModifySettingsAsync(_session, current, new Dictionary<string, object?> { ["ElementName"] = "Before patching" },
            TestContext.Current.CancellationToken);
        await FinishAsync(call);

        Assert.Equal("Before patching", vm.FindCheckpoint(checkpointId)!.Name);
        Assert.Single(vm.Checkpoints);
    }

    [Fact]
    public async Task ModifySettings_CheckpointType_ChangesTheVmSetting()
    {
        var vm = SimulatorHarness.AddVm(_host, "DC01", checkpointType: 5);
        var current = await _operations.GetSettingsAsync(_session, vm.Id, TestContext.Current.CancellationToken);

        var call = await _operations.ModifySettingsAsync(_session, current,
            new Dictionary<string, object?> { ["UserSnapshotType"] = (ushort)CheckpointType.ProductionOnly, ["AutomaticSnapshotsEnabled"] = true },
            TestContext.Current.CancellationToken);
        var status = await FinishAsync(call);

        Assert.True(status.Succeeded);
        Assert.Equal(4, vm.UserSnapshotType);
        Assert.True(vm.AutomaticCheckpoints);
    }

    [Fact]
    public async Task ModifySettings_OldConfigurationVersion_FailsWithTheHostsReason()
    {
        var vm = SimulatorHarness.AddVm(_host, "OLD01", checkpointType: 5, version: "5.0");
        var current = await _operations.GetSettingsAsync(_session, vm.Id, TestContext.Current.CancellationToken);

        var call = await _operations.ModifySettingsAsync(_session, current,
            new Dictionary<string, object?> { ["UserSnapshotType"] = (ushort)3 }, TestContext.Current.CancellationToken);
        var status = await FinishAsync(call);

        Assert.False(status.Succeeded);
        Assert.Contains("6.2", status.Error);
    }

    [Fact]
    public async Task ApplyAndDelete_ThroughTheSession_ChangeTheTree()
    {
        var vm = SimulatorHarness.AddVm(_host, "VM01", state: VmState.Off);
        var first = await TakeCheckpointAsync(vm);
        var second = await TakeCheckpointAsync(vm);

        await FinishAsync(await _operations.ApplySnapshotAsync(_session, first, TestContext.Current.CancellationToken));
        Assert.Equal(first, vm.CurrentCheckpointId);

        await FinishAsync(await _operations.DestroySnapshotTreeAsync(_session, first, TestContext.Current.CancellationToken));
        Assert.Empty(vm.Checkpoints);
        Assert.Null(vm.CurrentCheckpointId);
        Assert.DoesNotContain(vm.Checkpoints, c => c.Id == second);
    }

    [Fact]
    public async Task Apply_RunningVm_IsRefusedWithInvalidState()
    {
        var vm = SimulatorHarness.AddVm(_host, "VM01", state: VmState.Off);
        var checkpoint = await TakeCheckpointAsync(vm);
        vm.State = VmState.Running;

        var call = await _operations.ApplySnapshotAsync(_session, checkpoint, TestContext.Current.CancellationToken);

        Assert.Equal(HyperVSchema.ReturnCode.MsvmInvalidState, call.ReturnValue);
        Assert.Contains("Invalid state", call.Describe());
    }

    [Fact]
    public async Task ExportCheckpoint_StartsAnExportJob()
    {
        var vm = SimulatorHarness.AddVm(_host, "VM01");
        var checkpoint = await TakeCheckpointAsync(vm);

        var call = await _operations.ExportCheckpointAsync(_session, vm.Id, checkpoint, @"E:\Exports", TestContext.Current.CancellationToken);
        var status = await FinishAsync(call);

        Assert.True(status.Succeeded);
    }

    [Fact]
    public async Task GetJob_AfterHyperVForgotIt_IsNull()
    {
        var vm = SimulatorHarness.AddVm(_host, "VM01");
        var call = await _operations.CreateSnapshotAsync(_session, vm.Id, TestContext.Current.CancellationToken);
        _sim.Advance(_host, TimeSpan.FromMinutes(1));
        _sim.Advance(_host, TimeSpan.FromMinutes(6));

        Assert.Null(await _operations.GetJobAsync(_session, call.Job!, TestContext.Current.CancellationToken));
    }

    private async Task<Guid> TakeCheckpointAsync(SimulatedVm vm)
    {
        var call = await _operations.CreateSnapshotAsync(_session, vm.Id, TestContext.Current.CancellationToken);
        await FinishAsync(call);
        return (await _operations.FindCreatedCheckpointAsync(_session, call.Job!, TestContext.Current.CancellationToken))!.Value;
    }

    private async Task<HyperVJobStatus> FinishAsync(HyperVCall call)
    {
        Assert.True(call.StartedJob, call.Describe());
        _sim.Advance(_host, TimeSpan.FromMinutes(3));
        var status = await _operations.GetJobAsync(_session, call.Job!, TestContext.Current.CancellationToken);
        Assert.NotNull(status);
        Assert.True(status.IsFinished);
        return status;
    }
}
