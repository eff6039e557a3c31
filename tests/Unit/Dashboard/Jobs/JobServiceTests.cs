using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.HostSimulator;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Jobs;

/// <summary>The job service's state machine against a simulated host: every operation, progress, limits, cancel.</summary>
public sealed class JobServiceTests
{
    [Fact]
    public async Task Create_WithName_RunsToTheNamedCheckpointAndAuditsIt()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);

        var accepted = await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "Before patching"));
        var (done, events) = await jobs.WaitForAsync(accepted.Id);

        Assert.Equal(JobState.Queued, accepted.State);
        Assert.Equal(JobState.Completed, done.State);
        var checkpoint = Assert.Single(vm.Checkpoints);
        Assert.Equal("Before patching", checkpoint.Name);
        Assert.Equal(checkpoint.Id, done.ResultCheckpointId);
        Assert.Contains("Production", done.Result);
        Assert.Null(done.Warning);
        Assert.Equal(100, done.Percent);
        var percents = events.Select(e => e.Job.Percent).ToList();
        Assert.Equal(percents.Order(), percents);
        Assert.IsType<JobEvent.Finished>(events[^1]);

        var audit = await jobs.Audit.QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Equal(["Completed", "Requested"], audit.Where(a => a.JobId == done.Id).Select(a => a.Outcome));
        Assert.All(audit, a => Assert.Equal("tester", a.User));
    }

    [Fact]
    public async Task Create_ProductionWithoutQuiesce_CompletesWithTheFallbackWarning()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "LNX01");
        vm.GuestCanQuiesce = false;
        await using var jobs = await JobServiceHarness.StartAsync(fleet);

        var (done, _) = await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null))).Id);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Contains("Standard", done.Result);
        Assert.Contains("standard checkpoint was created instead", done.Warning, StringComparison.OrdinalIgnoreCase);
        Assert.True(Assert.Single(vm.Checkpoints).IsSaved);
    }

    [Fact]
    public async Task Create_ProductionOnlyWithoutQuiesce_FailsWithTheHostsReason()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "LNX02", checkpointType: 4);
        vm.GuestCanQuiesce = false;
        await using var jobs = await JobServiceHarness.StartAsync(fleet);

        var (done, _) = await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null))).Id);

        Assert.Equal(JobState.Failed, done.State);
        Assert.Contains("ProductionOnly", done.Error);
        Assert.NotNull(done.ErrorCode);
        Assert.Empty(vm.Checkpoints);
    }

    [Fact]
    public async Task Apply_RunningVmStandardCheckpoint_SavesAppliesAndRestartsWithASafetyCheckpoint()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "APP01", checkpointType: 5);
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var first = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "base"))).Id)).Job.ResultCheckpointId!.Value;
        await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "later"))).Id);
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 2);

        var (done, _) = await jobs.WaitForAsync((await jobs.SubmitAsync(new ApplyCheckpointRequest(vm.Id, first, CreateCheckpointFirst: true))).Id);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Equal(VmState.Running, vm.State);
        Assert.Equal(first, vm.CurrentCheckpointId);
        Assert.Equal(3, vm.Checkpoints.Count);
        Assert.Contains("is Running", done.Result);
        Assert.Contains("previous state was taken first", done.Result);
    }

    [Fact]
    public async Task Apply_ProductionCheckpointOnRunningVm_LeavesItOff()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "DB01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var checkpoint = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "prod"))).Id)).Job.ResultCheckpointId!.Value;
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 1);

        var (done, _) = await jobs.WaitForAsync((await jobs.SubmitAsync(new ApplyCheckpointRequest(vm.Id, checkpoint, false))).Id);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Equal(VmState.Off, vm.State);
        Assert.Contains("is Off", done.Result);
    }

    [Fact]
    public async Task Revert_AppliesTheCheckpointNowDerivesFrom()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01", state: VmState.Off);
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var checkpoint = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "base"))).Id)).Job.ResultCheckpointId!.Value;
        var disksBefore = vm.Disks.ToList();
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.CurrentCheckpointId == checkpoint);

        var accepted = await jobs.SubmitAsync(new RevertVmRequest(vm.Id));
        var (done, _) = await jobs.WaitForAsync(accepted.Id);

        Assert.Equal(checkpoint, accepted.CheckpointId);
        Assert.Equal(JobState.Completed, done.State);
        Assert.Equal(checkpoint, vm.CurrentCheckpointId);
        Assert.NotEqual(disksBefore, vm.Disks);
    }

    [Fact]
    public async Task Delete_FollowsTheMergeToItsEnd()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var checkpoint = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "old"))).Id)).Job.ResultCheckpointId!.Value;

        // A large differencing disk makes the merge take a while.
        host.Storage.Find(vm.Disks[0])!.SizeBytes = 200L * 1024 * 1024 * 1024;
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 1);

        var (done, events) = await jobs.WaitForAsync((await jobs.SubmitAsync(new DeleteCheckpointRequest(vm.Id, checkpoint, false))).Id);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Empty(vm.Checkpoints);
        Assert.Contains(events, e => e.Job.State == JobState.Running && e.Job.Percent is > 0 and < 100 && e.Job.Phase!.Contains("merging", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(VmActivity.None, vm.Activity);
    }

    [Fact]
    public async Task DeleteSubtree_RemovesTheWholeBranch()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var root = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "a"))).Id)).Job.ResultCheckpointId!.Value;
        await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "b"))).Id);
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 2);

        var accepted = await jobs.SubmitAsync(new DeleteCheckpointRequest(vm.Id, root, IncludeSubtree: true));
        var (done, _) = await jobs.WaitForAsync(accepted.Id);

        Assert.Equal(JobKind.DeleteCheckpointSubtree, accepted.Kind);
        Assert.Equal("2", accepted.Parameters["checkpointsAffected"]);
        Assert.Equal(JobState.Completed, done.State);
        Assert.Empty(vm.Checkpoints);
    }

    [Fact]
    public async Task RenameAndSettings_ReadModifyWriteOnTheHost()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "DC01", checkpointType: 5);
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var checkpoint = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null))).Id)).Job.ResultCheckpointId!.Value;
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 1);

        var renamed = await jobs.WaitForAsync((await jobs.SubmitAsync(new RenameCheckpointRequest(vm.Id, checkpoint, "Known good"))).Id);
        var settings = await jobs.WaitForAsync((await jobs.SubmitAsync(
            new ChangeCheckpointSettingsRequest(vm.Id, CheckpointType.ProductionOnly, AutomaticCheckpoints: true, null))).Id);

        Assert.Equal(JobState.Completed, renamed.Job.State);
        Assert.Equal("Known good", vm.Checkpoints.Single().Name);
        Assert.Equal(JobState.Completed, settings.Job.State);
        Assert.Equal(4, vm.UserSnapshotType);
        Assert.True(vm.AutomaticCheckpoints);
    }

    [Fact]
    public async Task Export_ToAHostPath_Completes()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var checkpoint = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null))).Id)).Job.ResultCheckpointId!.Value;
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 1);

        var (done, _) = await jobs.WaitForAsync((await jobs.SubmitAsync(new ExportCheckpointRequest(vm.Id, checkpoint, @"E:\Exports"))).Id);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Contains(@"E:\Exports", done.Result);
    }

    [Fact]
    public async Task Submit_BadRequests_AreRefusedWithAReasonAndNothingIsSent()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        var disabled = SimulatorHarness.AddVm(host, "NOCP01", checkpointType: 2);
        await using var jobs = await JobServiceHarness.StartAsync(fleet);

        var unknown = await Assert.ThrowsAsync<JobRejectedException>(() => jobs.SubmitAsync(new CreateCheckpointRequest(Guid.NewGuid(), null)));
        var badName = await Assert.ThrowsAsync<JobRejectedException>(() => jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, new string('x', 101))));
        var stale = await Assert.ThrowsAsync<JobRejectedException>(() => jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null, ExpectedVersion: "0000000000000000")));
        var off = await Assert.ThrowsAsync<JobRejectedException>(() => jobs.SubmitAsync(new CreateCheckpointRequest(disabled.Id, null)));
        var path = await Assert.ThrowsAsync<JobRejectedException>(() => jobs.SubmitAsync(new ExportCheckpointRequest(vm.Id, Guid.NewGuid(), "relative")));
        var revert = await Assert.ThrowsAsync<JobRejectedException>(() => jobs.SubmitAsync(new RevertVmRequest(vm.Id)));

        Assert.Equal(JobRejection.NotFound, unknown.Reason);
        Assert.Equal(JobRejection.Invalid, badName.Reason);
        Assert.Contains("100", badName.Message);
        Assert.Equal(JobRejection.Conflict, stale.Reason);
        Assert.Contains("changed since you loaded it", stale.Message);
        Assert.Equal(JobRejection.Conflict, off.Reason);
        Assert.Contains("disabled", off.Message);
        Assert.Equal(JobRejection.NotFound, path.Reason);
        Assert.Equal(JobRejection.Conflict, revert.Reason);
        Assert.Empty(jobs.Service.Active);
        lock (host.Gate)
        {
            Assert.Empty(host.Jobs);
        }

        var audit = await jobs.Audit.QueryAsync(new AuditQuery { Outcome = "Rejected" }, CancellationToken.None);
        Assert.Equal(6, audit.Count);

        // The version the operator saw is accepted while the VM is unchanged.
        var current = VmVersion.Of(jobs.Inventory.Inventory.Current.FindVm(vm.Id)!);
        var accepted = await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null, current));
        Assert.Equal(JobState.Completed, (await jobs.WaitForAsync(accepted.Id)).Job.State);
    }

    [Fact]
    public async Task Schedule_TwoOperationsOnOneVm_RunOneAfterTheOther()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);

        var first = await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "one"));
        var second = await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "two"));
        var a = (await jobs.WaitForAsync(first.Id)).Job;
        var b = (await jobs.WaitForAsync(second.Id)).Job;

        Assert.Equal(JobState.Completed, a.State);
        Assert.Equal(JobState.Completed, b.State);
        Assert.True(b.StartedAt >= a.FinishedAt, $"second started {b.StartedAt:O}, first finished {a.FinishedAt:O}");
        Assert.Equal(["one", "two"], vm.Checkpoints.OrderBy(c => c.Created).Select(c => c.Name));
    }

    [Fact]
    public async Task Schedule_MergesOnOneHost_RespectTheLimit()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var one = SimulatorHarness.AddVm(host, "VM01");
        var two = SimulatorHarness.AddVm(host, "VM02");
        await using var jobs = await JobServiceHarness.StartAsync(fleet, o => o.MaxConcurrentMergesPerHost = 1);
        var c1 = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(one.Id, null))).Id)).Job.ResultCheckpointId!.Value;
        var c2 = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(two.Id, null))).Id)).Job.ResultCheckpointId!.Value;
        host.Storage.Find(one.Disks[0])!.SizeBytes = 50L * 1024 * 1024 * 1024;
        host.Storage.Find(two.Disks[0])!.SizeBytes = 50L * 1024 * 1024 * 1024;
        await jobs.RefreshedAsync(s => s.FindVm(one.Id)?.Stats.Count == 1 && s.FindVm(two.Id)?.Stats.Count == 1);

        var d1 = await jobs.SubmitAsync(new DeleteCheckpointRequest(one.Id, c1, false));
        var d2 = await jobs.SubmitAsync(new DeleteCheckpointRequest(two.Id, c2, false));
        var a = (await jobs.WaitForAsync(d1.Id)).Job;
        var b = (await jobs.WaitForAsync(d2.Id)).Job;

        Assert.Equal(JobState.Completed, a.State);
        Assert.Equal(JobState.Completed, b.State);
        Assert.True(b.StartedAt >= a.FinishedAt, "the second merge on the host waited for the first");
    }

    [Fact]
    public async Task Cancel_QueuedJob_NeverReachesTheHost()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        host.Storage.Find(vm.Disks[0])!.SizeBytes = 100L * 1024 * 1024 * 1024;
        var busy = await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "first"));
        var queued = await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "never"));

        var cancelled = await jobs.Service.CancelAsync(queued.Id, "tester", CancellationToken.None);
        await jobs.WaitForAsync(busy.Id);

        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Contains("nothing was sent", cancelled.Error);
        Assert.DoesNotContain(vm.Checkpoints, c => c.Name == "never");
        var stored = await jobs.Service.FindAsync(queued.Id, CancellationToken.None);
        Assert.Equal(JobState.Cancelled, stored!.State);
    }

    [Fact]
    public async Task Cancel_RunningCreate_HyperVCancelsItAndNoCheckpointIsLeft()
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 3, speed: 1);
        var host = fleet.AddHost("HV01");
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);

        var accepted = await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null));
        await jobs.WaitForAsync(accepted.Id, j => j.State == JobState.Running && j.CanCancel);
        await jobs.Service.CancelAsync(accepted.Id, "tester", CancellationToken.None);
        var (done, _) = await jobs.WaitForAsync(accepted.Id);

        Assert.Equal(JobState.Cancelled, done.State);
        Assert.Empty(vm.Checkpoints);
        Assert.Equal(VmActivity.None, vm.Activity);
    }

    [Fact]
    public async Task Cancel_Merge_IsRefusedBecauseHyperVCannotCancelIt()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var checkpoint = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null))).Id)).Job.ResultCheckpointId!.Value;
        host.Storage.Find(vm.Disks[0])!.SizeBytes = 60L * 1024 * 1024 * 1024;
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 1);
        var delete = await jobs.SubmitAsync(new DeleteCheckpointRequest(vm.Id, checkpoint, false));
        await jobs.WaitForAsync(delete.Id, j => j.State == JobState.Running && j.Percent > 0);

        var refused = await Assert.ThrowsAsync<JobRejectedException>(() => jobs.Service.CancelAsync(delete.Id, "tester", CancellationToken.None));

        Assert.Equal(JobRejection.Conflict, refused.Reason);
        Assert.Contains("cannot cancel", refused.Message);
        Assert.Equal(JobState.Completed, (await jobs.WaitForAsync(delete.Id)).Job.State);
    }
}
