using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Cim;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.SimulatorHarness;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Model;

/// <summary><c>ModifySystemSettings</c> (read-modify-write of an embedded VSSD) and <c>ExportSystemDefinition</c>.</summary>
public sealed partial class SimulatedHostTests
{
    [Theory]
    [InlineData("a", 1)]
    [InlineData("a", 100)]
    [InlineData("Before patching 2025-03", 1)]
    public void ModifySystemSettings_RenameCheckpointToValidName_Succeeds(string part, int repeat)
    {
        var name = string.Concat(Enumerable.Repeat(part, repeat));
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP30");
        var checkpoint = sim.Checkpoint(host, vm);

        var job = Modify(sim, host, server, checkpoint.Id, ("ElementName", name));

        Assert.Equal(HyperVSchema.JobState.Completed, job.GetUInt16("JobState"));
        Assert.Equal(name, checkpoint.Name);
        Assert.Equal(name, Settings(server, checkpoint.Id).GetString("ElementName"));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("   ", 1)]
    [InlineData("a", 101)]
    [InlineData("line\nbreak", 1)]
    [InlineData("tab\there", 1)]
    public void ModifySystemSettings_RenameCheckpointToInvalidName_FailsWithMessage(string part, int repeat)
    {
        var name = string.Concat(Enumerable.Repeat(part, repeat));
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP31");
        var checkpoint = sim.Checkpoint(host, vm);
        var before = checkpoint.Name;

        var job = Modify(sim, host, server, checkpoint.Id, ("ElementName", name));

        Assert.Equal(HyperVSchema.JobState.Exception, job.GetUInt16("JobState"));
        Assert.NotEqual((ushort)0, job.GetUInt16("ErrorCode"));
        Assert.Contains("name", job.GetString("ErrorDescription"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, checkpoint.Name);
    }

    [Theory]
    [InlineData((ushort)2)]
    [InlineData((ushort)3)]
    [InlineData((ushort)4)]
    [InlineData((ushort)5)]
    public void ModifySystemSettings_ValidCheckpointType_IsStored(ushort type)
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP32", VmState.Running, checkpointType: type == 3 ? (ushort)5 : (ushort)3);

        var job = Modify(sim, host, server, vm.Id, ("UserSnapshotType", type));

        Assert.Equal(HyperVSchema.JobState.Completed, job.GetUInt16("JobState"));
        Assert.Equal(type, vm.UserSnapshotType);
        Assert.Equal(type, Settings(server, vm.Id).GetUInt16("UserSnapshotType"));
    }

    [Fact]
    public void ModifySystemSettings_UnknownCheckpointType_Fails()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP33", VmState.Running, checkpointType: 3);

        var job = Modify(sim, host, server, vm.Id, ("UserSnapshotType", (ushort)7));

        Assert.Equal(HyperVSchema.JobState.Exception, job.GetUInt16("JobState"));
        Assert.Contains("checkpoint type", job.GetString("ErrorDescription"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((ushort)3, vm.UserSnapshotType);
    }

    [Fact]
    public void ModifySystemSettings_Version50TypeChange_FailsNamingVersion62()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "OLD02", VmState.Running, checkpointType: 5, version: "5.0");

        var job = Modify(sim, host, server, vm.Id, ("UserSnapshotType", (ushort)3));

        Assert.Equal(HyperVSchema.JobState.Exception, job.GetUInt16("JobState"));
        Assert.Contains("6.2", job.GetString("ErrorDescription"), StringComparison.Ordinal);
        Assert.Equal((ushort)5, vm.UserSnapshotType);
    }

    [Fact]
    public void ModifySystemSettings_Version50FullInstanceRename_Succeeds()
    {
        // PowerShell sends the whole instance back; UserSnapshotType is null on a 5.0 VM and must not count as a change.
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "OLD03", VmState.Running, checkpointType: 5, version: "5.0");

        var job = Modify(sim, host, server, vm.Id, ("ElementName", "OLD03-renamed"));

        Assert.Equal(HyperVSchema.JobState.Completed, job.GetUInt16("JobState"));
        Assert.Equal("OLD03-renamed", vm.Name);
    }

    [Theory]
    [InlineData(false, HyperVSchema.JobState.Completed)]
    [InlineData(true, HyperVSchema.JobState.Exception)]
    public void ModifySystemSettings_SnapshotDataRoot_ChangesOnlyWithoutCheckpoints(bool hasCheckpoint, ushort expectedState)
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP34");
        if (hasCheckpoint)
        {
            sim.Checkpoint(host, vm);
        }

        var job = Modify(sim, host, server, vm.Id, ("SnapshotDataRoot", @"E:\Checkpoints"));

        Assert.Equal(expectedState, job.GetUInt16("JobState"));
        Assert.Equal(hasCheckpoint ? @"D:\Hyper-V\APP34" : @"E:\Checkpoints", vm.SnapshotRoot);
    }

    [Fact]
    public void ModifySystemSettings_FailModificationsFault_FailsVmAndCheckpointChanges()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP35");
        var checkpoint = sim.Checkpoint(host, vm);
        vm.FailModifications = true;

        var vmJob = Modify(sim, host, server, vm.Id, ("UserSnapshotType", (ushort)5));
        var checkpointJob = Modify(sim, host, server, checkpoint.Id, ("ElementName", "renamed"));

        Assert.Equal(HyperVSchema.JobState.Exception, vmJob.GetUInt16("JobState"));
        Assert.Equal(HyperVSchema.JobState.Exception, checkpointJob.GetUInt16("JobState"));
        Assert.Equal((ushort)3, vm.UserSnapshotType);
        Assert.NotEqual("renamed", checkpoint.Name);
    }

    [Fact]
    public void ModifySystemSettings_UnknownInstanceId_ReturnsInvalidParameter()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var settings = new CimInstance(HyperVSchema.SettingData, CimNamespaces.Virtualization,
            [KeyValuePair.Create<string, object?>("InstanceID", HyperVSchema.InstanceIdFor(Guid.Empty))]);

        Assert.Equal(HyperVSchema.ReturnCode.InvalidParameter, host.ModifySystemSettings(settings).ReturnValue);
    }

    [Fact]
    public void ExportSystemDefinition_Checkpoint_RunsCancellableExportJob()
    {
        var sim = new SimulatorHarness();
        var (host, server) = sim.AddHost();
        var vm = AddVm(host, "APP36");
        var checkpoint = sim.Checkpoint(host, vm);

        var outcome = host.ExportSystemDefinition(vm.Id, @"E:\Exports", checkpoint.Id);

        Assert.Equal(VmActivity.Exporting, vm.Activity);
        var job = JobInstance(server, outcome.Job);
        Assert.Equal(HyperVSchema.JobType.ExportVm, job.GetUInt16("JobType"));
        Assert.True(job.GetBoolean("Cancellable"));
        sim.Finish(host, outcome.Job);
        Assert.Equal(HyperVSchema.JobState.Completed, outcome.Job!.State);
        Assert.Equal(VmActivity.None, vm.Activity);
    }

    [Fact]
    public void ExportSystemDefinition_RelativeDirectory_FailsWithMessage()
    {
        var sim = new SimulatorHarness();
        var (host, _) = sim.AddHost();
        var vm = AddVm(host, "APP37");

        var outcome = host.ExportSystemDefinition(vm.Id, "exports", null);
        sim.Finish(host, outcome.Job);

        Assert.Equal(HyperVSchema.JobState.Exception, outcome.Job!.State);
        Assert.Contains("absolute path", outcome.Job.ErrorDescription, StringComparison.Ordinal);
    }

    /// <summary>Reads a VSSD, changes it and sends it back through <c>ModifySystemSettings</c>; returns the finished job.</summary>
    private static CimInstance Modify(
        SimulatorHarness sim, SimulatedHost host, SimulatedCimServer server, Guid settingId, params (string Name, object? Value)[] changes)
    {
        var settings = With(Settings(server, settingId), changes);
        var result = server.Invoke(ManagementService(host), "ModifySystemSettings",
            new Dictionary<string, object?> { ["SystemSettings"] = settings });
        var job = JobOf(result);
        sim.Advance(host, TimeSpan.FromSeconds(1));
        return server.Get(job);
    }
}
