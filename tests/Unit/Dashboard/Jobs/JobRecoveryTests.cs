using CheckpointDashboard.Dashboard.Jobs;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.HostSimulator;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Jobs;

/// <summary>
/// Jobs across the failures that hurt in production: a host that stops answering mid-job, a dashboard restart while
/// a merge runs, and a restart in the instant between sending an operation and hearing back. No operation is ever
/// sent twice, and no outcome is reported by guess.
/// </summary>
public sealed class JobRecoveryTests
{
    [Fact]
    public async Task HostVanishesMidJob_OutcomeUnknownThenReconciledFromTheHostsState()
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 5, speed: 2);
        var host = fleet.AddHost("HV01");
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);

        var accepted = await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null));
        await jobs.WaitForAsync(accepted.Id, j => j.State == JobState.Running && j.Percent > 0);
        host.Faults = new HostFaults { Unreachable = true };
        var (lost, _) = await jobs.WaitForAsync(accepted.Id, j => j.State == JobState.OutcomeUnknown);

        Assert.Contains("stopped answering", lost.Error);
        Assert.Null(lost.Reconciliation);

        // The host comes back; the checkpoint job finished meanwhile. Reconciliation reads the host and settles it.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        host.Faults = HostFaults.None;
        var (settled, _) = await jobs.WaitForAsync(accepted.Id);

        Assert.Equal(JobState.Completed, settled.State);
        Assert.StartsWith("Settled by reconciliation", settled.Reconciliation);
        Assert.Single(vm.Checkpoints);
        var audit = await jobs.Audit.QueryAsync(new CheckpointDashboard.Shared.Audit.AuditQuery(), CancellationToken.None);
        Assert.Equal(["Completed", "OutcomeUnknown", "Requested"], audit.Where(a => a.JobId == accepted.Id).Select(a => a.Outcome));
    }

    [Fact]
    public async Task HostVanishesMidDelete_ReconciledAsFailedWhenTheCheckpointIsStillThere()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var checkpoint = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null))).Id)).Job.ResultCheckpointId!.Value;
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 1);

        // The host refuses to answer from the start: the delete is sent into the void.
        host.Faults = new HostFaults { Hang = true };
        var accepted = await jobs.SubmitAsync(new DeleteCheckpointRequest(vm.Id, checkpoint, false));
        var (lost, _) = await jobs.WaitForAsync(accepted.Id, j => j.State == JobState.OutcomeUnknown);
        Assert.Contains("stopped answering", lost.Error);

        host.Faults = HostFaults.None;
        var (settled, _) = await jobs.WaitForAsync(accepted.Id);

        Assert.Equal(JobState.Failed, settled.State);
        Assert.Contains("still shows the checkpoint", settled.Error);
        Assert.Single(vm.Checkpoints);
    }

    [Fact]
    public async Task RestartDuringMerge_ReattachesToTheSameHyperVJobWithoutSendingTheDeleteAgain()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var checkpoint = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null))).Id)).Job.ResultCheckpointId!.Value;
        host.Storage.Find(vm.Disks[0])!.SizeBytes = 80L * 1024 * 1024 * 1024;
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 1);

        var accepted = await jobs.SubmitAsync(new DeleteCheckpointRequest(vm.Id, checkpoint, false));
        await jobs.WaitForAsync(accepted.Id, j => j.State == JobState.Running && j.Percent > 0);
        await jobs.RestartAsync();

        var (done, _) = await jobs.WaitForAsync(accepted.Id);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Empty(vm.Checkpoints);
        Assert.Equal(1, DeleteJobsSentTo(host));
    }

    [Fact]
    public async Task RestartBetweenSendingAndTheHostsAnswer_IsNeverSentAgainAndIsReconciled()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var checkpoint = (await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null))).Id)).Job.ResultCheckpointId!.Value;
        await jobs.RefreshedAsync(s => s.FindVm(vm.Id)?.Stats.Count == 1);

        // What the store holds when the process dies right after marking the delete as sent, before the host's
        // answer (with the Hyper-V job id) was recorded: and the host did act on it.
        await jobs.Service.StopAsync(CancellationToken.None);
        var outcome = host.DestroySnapshot(checkpoint);
        Assert.Equal(HyperVSchema.ReturnCode.JobStarted, outcome.ReturnValue);
        var id = Guid.NewGuid();
        await using (var db = await jobs.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.Jobs.Add(new JobRecord
            {
                Id = id,
                Kind = JobKind.DeleteCheckpoint,
                State = JobState.Running,
                VmId = vm.Id,
                VmName = vm.Name,
                Host = "HV01",
                CheckpointId = checkpoint,
                CheckpointName = "x",
                RequestJson = JobWork.Serialize(new DeleteCheckpointRequest(vm.Id, checkpoint, false)),
                RequestedBy = "tester",
                RequestedAt = DateTimeOffset.UtcNow.AddSeconds(-5),
                StartedAt = DateTimeOffset.UtcNow.AddSeconds(-5),
                LastContact = DateTimeOffset.UtcNow.AddSeconds(-5),
                Step = "delete",
                StepDispatched = true,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await jobs.RestartAsync();
        var (settled, _) = await jobs.WaitForAsync(id);

        Assert.Equal(JobState.Completed, settled.State);
        Assert.StartsWith("Settled by reconciliation", settled.Reconciliation);
        Assert.Equal(1, DeleteJobsSentTo(host));
    }

    [Fact]
    public async Task Restart_QueuedJobsRunAndFinishedOnesStayFinished()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        var vm = SimulatorHarness.AddVm(host, "VM01");
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        var finished = await jobs.WaitForAsync((await jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, "done"))).Id);
        await jobs.Service.StopAsync(CancellationToken.None);

        // A job accepted but never started (the process stopped first).
        var queued = Guid.NewGuid();
        await using (var db = await jobs.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.Jobs.Add(new JobRecord
            {
                Id = queued,
                Kind = JobKind.CreateCheckpoint,
                State = JobState.Queued,
                VmId = vm.Id,
                VmName = vm.Name,
                Host = "HV01",
                RequestJson = JobWork.Serialize(new CreateCheckpointRequest(vm.Id, "after restart")),
                RequestedBy = "tester",
                RequestedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await jobs.RestartAsync();
        var (done, _) = await jobs.WaitForAsync(queued);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Contains(vm.Checkpoints, c => c.Name == "after restart");
        Assert.Equal(JobState.Completed, (await jobs.Service.FindAsync(finished.Job.Id, CancellationToken.None))!.State);
        Assert.DoesNotContain(jobs.Service.Active, j => j.Id == finished.Job.Id);
    }

    [Fact]
    public async Task Restart_QueuedJobOnAClusterNodeNotDiscoveredYet_WaitsForTheNode_InsteadOfFailing()
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 13, speed: 25);
        fleet.AddCluster("CLU", ["N1", "N2"]);
        var vm = SimulatorHarness.AddVm(fleet.FindHost("N1")!, "VM01", checkpointType: 5);
        await using var jobs = await JobServiceHarness.StartAsync(fleet);
        await jobs.Service.StopAsync(CancellationToken.None);

        // A job accepted but never started on a cluster node (the process stopped first).
        var queued = Guid.NewGuid();
        await using (var db = await jobs.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.Jobs.Add(new JobRecord
            {
                Id = queued,
                Kind = JobKind.ChangeCheckpointSettings,
                State = JobState.Queued,
                VmId = vm.Id,
                VmName = vm.Name,
                Host = "N1",
                Cluster = "CLU",
                RequestJson = JobWork.Serialize(new ChangeCheckpointSettingsRequest(vm.Id, CheckpointType.Production, null, null)),
                RequestedBy = "tester",
                RequestedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // The new process knows a cluster's nodes only once it has read the cluster: until then N1 has no connection.
        var cold = new ColdStartInventory(jobs.Inventory.Inventory);
        await jobs.RestartAsync(cold);
        await cold.AskedWhileCold.Task.WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        cold.Warm();
        var (done, _) = await jobs.WaitForAsync(queued);

        Assert.True(done.State == JobState.Completed, $"{done.State}: {done.Error}");
        Assert.Equal(3, vm.UserSnapshotType);
    }

    private static int DeleteJobsSentTo(SimulatedHost host)
    {
        lock (host.Gate)
        {
            return host.Jobs.Count(j => j.JobType == HyperVSchema.JobType.DeleteSnapshot);
        }
    }
}
