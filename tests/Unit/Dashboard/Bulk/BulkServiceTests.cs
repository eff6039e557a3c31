using CheckpointDashboard.Dashboard.Bulk;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.Dashboard.Jobs;
using CheckpointDashboard.Tests.Unit.HostSimulator;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Bulk;

/// <summary>
/// Bulk changes against a simulated fleet through the real job service and store: every VM gets a result, failures
/// do not stop the rest, limits hold, cancel and retry do exactly what they say, and a restart neither loses nor
/// repeats a change.
/// </summary>
public sealed class BulkServiceTests
{
    private static readonly CheckpointSettingsTarget s_production = new(CheckpointType.Production, AutomaticCheckpoints: false);

    [Fact]
    public async Task ChangesEveryVmThatNeedsIt_SkipsTheRestWithReasons_AndRespectsThePerHostLimit()
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 3, speed: 25);
        var hv1 = fleet.AddHost("HV01");
        var hv2 = fleet.AddHost("HV02");
        var standard = Enumerable.Range(0, 8).Select(i => SimulatorHarness.AddVm(i % 2 == 0 ? hv1 : hv2, $"APP{i:00}", checkpointType: 5)).ToList();
        var compliant = SimulatorHarness.AddVm(hv1, "APP90", checkpointType: 3);
        var old = SimulatorHarness.AddVm(hv2, "APP91", checkpointType: 5, version: "5.0");
        var replica = SimulatorHarness.AddVm(hv2, "APP92", checkpointType: 5, replication: ReplicationMode.Replica);
        var other = SimulatorHarness.AddVm(hv1, "DB01", checkpointType: 5);
        await using var bulk = await BulkServiceHarness.StartAsync(fleet, o => o.MaxConcurrentPerHost = 2);

        var events = new List<BulkEvent>();
        var (startedId, done) = await bulk.StartAndFollowAsync(new VmSelector { NamePattern = "APP*" }, s_production, events);
        var started = (await bulk.Service.FindAsync(startedId, CancellationToken.None))!;

        Assert.Equal(BulkState.Completed, done.State);
        Assert.Equal((11, 8, 3, 0), (done.Total, done.Succeeded, done.Skipped, done.Failed));
        Assert.All(standard, vm => Assert.Equal((3, false), (vm.UserSnapshotType, vm.AutomaticCheckpoints)));
        Assert.Equal(5, other.UserSnapshotType);
        Assert.Equal(5, old.UserSnapshotType);
        Assert.Equal(5, replica.UserSnapshotType);

        var items = (await bulk.Service.ItemsAsync(started.Id, CancellationToken.None)).ToDictionary(i => i.VmName);
        Assert.Equal(BulkItemStatus.Skipped, items["APP90"].Status);
        Assert.Contains("Already Production", items["APP90"].Detail);
        Assert.Contains("below 6.2", items["APP91"].Detail);
        Assert.Contains("Replica", items["APP92"].Detail);
        Assert.All(standard, vm => Assert.Equal(CheckpointType.Standard, items[vm.Name].BeforeType));
        Assert.All(standard, vm => Assert.Contains("checkpointType Production", items[vm.Name].Detail));

        // Never more than two of one host's VMs at once, seen in every event's item list.
        var running = new Dictionary<Guid, BulkItem>();
        foreach (var change in events.OfType<BulkEvent.ItemChanged>())
        {
            running[change.Item.VmId] = change.Item;
            Assert.All(running.Values.Where(i => i.Status == BulkItemStatus.Running).GroupBy(i => i.Host), g => Assert.True(g.Count() <= 2, $"{g.Count()} running on {g.Key}"));
        }

        Assert.IsType<BulkEvent.Started>(events[0]);
        Assert.IsType<BulkEvent.Finished>(events[^1]);
        Assert.Equal(16, events.Count(e => e is BulkEvent.ItemChanged));

        // Each changed VM has exactly one job, tagged with the bulk change, and every change is in the audit trail.
        await using var db = await bulk.Jobs.Contexts.CreateDbContextAsync(CancellationToken.None);
        var jobs = await db.Jobs.Where(j => j.BulkId == started.Id).ToListAsync(CancellationToken.None);
        Assert.Equal(standard.Select(v => v.Id).Order(), jobs.Select(j => j.VmId).Order());
        Assert.All(jobs, j => Assert.Equal(BulkService.ChildJobId(started.Id, j.VmId), j.Id));
        var audit = await bulk.Jobs.Audit.QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Equal(8, audit.Count(a => a.Action == nameof(JobKind.ChangeCheckpointSettings) && a.Outcome == "Completed"));
        Assert.Contains(audit, a => a.Action == "BulkCheckpointSettings" && a.Outcome == "Requested" && a.Detail!.Contains("8 VMs to change, 3 skipped"));
        Assert.Contains(audit, a => a.Action == "BulkCheckpointSettings" && a.Outcome == "Completed" && a.Detail!.StartsWith("8 changed"));

        // The store has what memory had, once the bulk change has left memory.
        var stored = await WaitStoredAsync(bulk, started.Id);
        Assert.Equal((BulkState.Completed, 8, 3), (stored.State, stored.Succeeded, stored.Skipped));
    }

    [Fact]
    public async Task InjectedFailuresAndAnUnreachableHost_EveryVmGetsAResult_AndRetryTouchesOnlyTheFailures()
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 4, speed: 25);
        var hv1 = fleet.AddHost("HV01");
        var hv2 = fleet.AddHost("HV02");
        var good = Enumerable.Range(0, 6).Select(i => SimulatorHarness.AddVm(hv1, $"WEB{i:00}", checkpointType: 5)).ToList();
        var broken = Enumerable.Range(0, 2).Select(i => SimulatorHarness.AddVm(hv1, $"BAD{i:00}", checkpointType: 5)).ToList();
        broken.ForEach(vm => vm.FailModifications = true);
        var away = Enumerable.Range(0, 3).Select(i => SimulatorHarness.AddVm(hv2, $"FAR{i:00}", checkpointType: 5)).ToList();
        await using var bulk = await BulkServiceHarness.StartAsync(fleet);

        // HV02 stops answering after the preview was taken but before its VMs are reached.
        hv2.Faults = new HostFaults { Unreachable = true };
        var started = await bulk.StartBulkAsync(VmSelector.All, s_production);
        var done = await bulk.WaitForAsync(started.Id);

        Assert.Equal(BulkState.CompletedWithFailures, done.State);
        var items = await bulk.Service.ItemsAsync(started.Id, CancellationToken.None);
        Assert.Equal(11, items.Count);
        Assert.DoesNotContain(items, i => i.Status is BulkItemStatus.Pending or BulkItemStatus.Running);
        Assert.All(items.Where(i => i.VmName.StartsWith("WEB")), i => Assert.Equal(BulkItemStatus.Succeeded, i.Status));
        Assert.All(items.Where(i => i.VmName.StartsWith("BAD")), i =>
        {
            Assert.Equal(BulkItemStatus.Failed, i.Status);
            Assert.Contains("Injected failure", i.Detail);
        });
        Assert.All(items.Where(i => i.VmName.StartsWith("FAR")), i =>
        {
            Assert.True(i.Status is BulkItemStatus.Failed or BulkItemStatus.OutcomeUnknown, $"{i.VmName}: {i.Status}");
            Assert.False(string.IsNullOrWhiteSpace(i.Detail));
        });
        Assert.Equal(6, done.Succeeded);
        Assert.Equal(5, done.Failed + done.Unknown);

        // Everything is fixed; retry re-runs exactly the five failures.
        broken.ForEach(vm => vm.FailModifications = false);
        hv2.Faults = HostFaults.None;
        await bulk.Jobs.RefreshedAsync(s => s.Hosts.All(h => h.State == HostState.Online) && s.Vms.All(v => v.Activity == VmActivity.None));
        await WaitIdleAsync(bulk);
        var retry = await bulk.Service.RetryFailedAsync(started.Id, "tester", CancellationToken.None);
        Assert.Equal(started.Id, retry.RetryOf);
        var retried = await bulk.WaitForAsync(retry.Id);
        var retriedItems = await bulk.Service.ItemsAsync(retry.Id, CancellationToken.None);

        Assert.Equal(BulkState.Completed, retried.State);
        Assert.Equal([.. broken.Concat(away).Select(v => v.Name).Order()], retriedItems.Select(i => i.VmName).Order());
        Assert.All(fleet.Hosts.SelectMany(h => h.Vms), vm => Assert.Equal(3, vm.UserSnapshotType));
        await using var db = await bulk.Jobs.Contexts.CreateDbContextAsync(CancellationToken.None);
        Assert.Equal(0, await db.Jobs.CountAsync(j => j.BulkId == retry.Id && good.Select(g => g.Id).Contains(j.VmId), CancellationToken.None));
    }

    [Fact]
    public async Task Cancel_StopsTheRemainingVms_TheRunningOnesFinish()
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 5, speed: 1);
        var host = fleet.AddHost("HV01");
        var vms = Enumerable.Range(0, 6).Select(i => SimulatorHarness.AddVm(host, $"VM{i:00}", checkpointType: 5)).ToList();
        await using var bulk = await BulkServiceHarness.StartAsync(fleet, o => o.MaxConcurrent = 1);

        var started = await bulk.StartBulkAsync(VmSelector.All, s_production);
        await bulk.WaitForAsync(started.Id, b => b.Running == 1);
        var cancelled = await bulk.Service.CancelAsync(started.Id, "tester", CancellationToken.None);
        Assert.Equal(5, cancelled.Cancelled);
        var done = await bulk.WaitForAsync(started.Id);

        Assert.Equal(BulkState.Cancelled, done.State);
        Assert.Equal((1, 5), (done.Succeeded, done.Cancelled));
        Assert.Equal(1, vms.Count(v => v.UserSnapshotType == 3));
        var items = await bulk.Service.ItemsAsync(started.Id, CancellationToken.None);
        Assert.All(items.Where(i => i.Status == BulkItemStatus.Cancelled), i => Assert.Contains("cancelled by tester", i.Detail));
        var again = await Assert.ThrowsAsync<JobRejectedException>(() => bulk.Service.CancelAsync(started.Id, "tester", CancellationToken.None));
        Assert.Equal(JobRejection.Conflict, again.Reason);
        Assert.Contains("already finished", again.Message);
    }

    [Fact]
    public async Task RestartMidway_ResumesAndChangesEveryVmExactlyOnce()
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 6, speed: 2);
        var host = fleet.AddHost("HV01");
        var vms = Enumerable.Range(0, 10).Select(i => SimulatorHarness.AddVm(host, $"VM{i:00}", checkpointType: 5)).ToList();
        await using var bulk = await BulkServiceHarness.StartAsync(fleet, o => o.MaxConcurrent = 2);

        var started = await bulk.StartBulkAsync(VmSelector.All, s_production);
        await bulk.WaitForAsync(started.Id, b => b.Succeeded >= 3 && b.Running > 0);

        // The restart also loses the last item writes: every unfinished item reads back as pending, as after a crash.
        await bulk.RestartAsync(async () =>
        {
            await using var db = await bulk.Jobs.Contexts.CreateDbContextAsync(CancellationToken.None);
            await db.BulkItems.Where(i => i.BulkId == started.Id && i.Status == BulkItemStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, BulkItemStatus.Pending), CancellationToken.None);
        });
        var done = await bulk.WaitForAsync(started.Id);

        var outcome = await bulk.Service.ItemsAsync(started.Id, CancellationToken.None);
        Assert.True(done.State == BulkState.Completed,
            $"{done.State}: " + string.Join("; ", outcome.Where(i => i.Status != BulkItemStatus.Succeeded).Select(i => $"{i.VmName} {i.Status} {i.Detail}")));
        Assert.Equal(10, done.Succeeded);
        Assert.All(vms, vm => Assert.Equal(3, vm.UserSnapshotType));

        // The report says this bulk change made every change (found through its jobs), not "already had it".
        var items = await bulk.Service.ItemsAsync(started.Id, CancellationToken.None);
        Assert.All(items, i => Assert.Equal("Changed: checkpointType Production.", i.Detail));
        await using var check = await bulk.Jobs.Contexts.CreateDbContextAsync(CancellationToken.None);
        var jobs = await check.Jobs.Where(j => j.BulkId == started.Id).ToListAsync(CancellationToken.None);
        Assert.Equal(10, jobs.Count);
        Assert.Equal(10, jobs.Select(j => j.VmId).Distinct().Count());

        // Each VM's settings were modified once: one ModifyVm job per VM on the host.
        Assert.All(vms, vm => Assert.Single(host.Jobs, j => j.VmId == vm.Id && j.JobType == CheckpointDashboard.HostConnector.HyperV.HyperVSchema.JobType.ModifyVm));
    }

    [Fact]
    public async Task RestartBeforeTheInventoryHasReadTheHosts_WaitsForTheFirstRead_InsteadOfFailingTheRest()
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 12, speed: 2);
        var host = fleet.AddHost("HV01");
        var vms = Enumerable.Range(0, 8).Select(i => SimulatorHarness.AddVm(host, $"VM{i:00}", checkpointType: 5)).ToList();
        await using var bulk = await BulkServiceHarness.StartAsync(fleet, o => o.MaxConcurrent = 2);
        var started = await bulk.StartBulkAsync(VmSelector.All, s_production);
        await bulk.WaitForAsync(started.Id, b => b.Succeeded >= 2);

        // A process that has just started has read no host yet: its inventory is empty at first. The bulk change must
        // not take "not in the inventory" for "deleted" while that lasts.
        var cold = new ColdStartInventory(bulk.Jobs.Inventory.Inventory);
        await bulk.RestartAsync(inventory: cold);
        await cold.AskedWhileCold.Task.WaitAsync(TestTimeouts.Long, TestContext.Current.CancellationToken);
        cold.Warm();
        var done = await bulk.WaitForAsync(started.Id);

        var items = await bulk.Service.ItemsAsync(started.Id, CancellationToken.None);
        Assert.True(done.State == BulkState.Completed, string.Join("; ", items.Where(i => i.Status != BulkItemStatus.Succeeded).Select(i => $"{i.VmName}: {i.Detail}")));
        Assert.Equal(8, done.Succeeded);
        Assert.All(vms, vm => Assert.Equal(3, vm.UserSnapshotType));
    }

    [Fact]
    public async Task Preview_CountsByClusterAndHost_MarksBusyVms_AndChangesNothing()
    {
        var fleet = new SimulatedFleet(TimeProvider.System, seed: 7, speed: 0.05);
        fleet.AddCluster("PROD", ["N1", "N2"]);
        var n1 = fleet.FindHost("N1")!;
        var n2 = fleet.FindHost("N2")!;
        var a = SimulatorHarness.AddVm(n1, "A", checkpointType: 5);
        var b = SimulatorHarness.AddVm(n2, "B", checkpointType: 5);
        var c = SimulatorHarness.AddVm(n2, "C", checkpointType: 3);
        await using var bulk = await BulkServiceHarness.StartAsync(fleet);

        // A slow checkpoint keeps B busy.
        await bulk.Jobs.SubmitAsync(new CreateCheckpointRequest(b.Id, null));
        var preview = bulk.Service.Preview(new BulkRequest(new VmSelector { Clusters = ["prod"] }, s_production));

        Assert.Equal((3, 1, 2), (preview.Matched, preview.ToChange, preview.Skipped));
        Assert.Equal(BulkSkipReason.Busy, preview.Items.Single(i => i.VmId == b.Id).Skip);
        Assert.Equal(BulkSkipReason.AlreadyCompliant, preview.Items.Single(i => i.VmId == c.Id).Skip);
        Assert.Equal([new BulkGroupCount("PROD", 1, 2)], preview.ByCluster);
        Assert.Equal([new BulkGroupCount("N1", 1, 0), new BulkGroupCount("N2", 0, 2)], preview.ByHost);
        Assert.Equal(5, a.UserSnapshotType);
        Assert.Empty(await bulk.Service.ListAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task BadRequests_AreRefusedWithTheReason_AndNothingStarts()
    {
        var fleet = JobServiceHarness.FastFleet(out var host);
        SimulatorHarness.AddVm(host, "VM01", checkpointType: 3);
        await using var bulk = await BulkServiceHarness.StartAsync(fleet);

        var regex = await Assert.ThrowsAsync<JobRejectedException>(() => bulk.StartBulkAsync(new VmSelector { NamePattern = "(", NameIsRegex = true }, s_production));
        Assert.Equal(JobRejection.Invalid, regex.Reason);
        Assert.Contains("not a valid regular expression", regex.Message);

        Action previewWithoutTarget = () => bulk.Service.Preview(new BulkRequest(VmSelector.All, new CheckpointSettingsTarget(null, null)));
        var noTarget = Assert.Throws<JobRejectedException>(previewWithoutTarget);
        Assert.Contains("Choose a checkpoint type", noTarget.Message);

        var nothing = await Assert.ThrowsAsync<JobRejectedException>(() => bulk.StartBulkAsync(VmSelector.All, s_production));
        Assert.Equal(JobRejection.Conflict, nothing.Reason);
        Assert.Contains("1 AlreadyCompliant", nothing.Message);

        var none = await Assert.ThrowsAsync<JobRejectedException>(() => bulk.StartBulkAsync(new VmSelector { NamePattern = "ZZ*" }, s_production));
        Assert.Contains("No VM matches", none.Message);

        var missing = await Assert.ThrowsAsync<JobRejectedException>(() => bulk.Service.RetryFailedAsync(Guid.NewGuid(), "tester", CancellationToken.None));
        Assert.Equal(JobRejection.NotFound, missing.Reason);
        Assert.Empty(await bulk.Service.ListAsync(10, CancellationToken.None));
    }

    [Fact]
    public void ChildJobIds_AreStablePerBulkAndVm_AndNeverRandomOnes()
    {
        var bulkId = Guid.NewGuid();
        var vmId = Guid.NewGuid();
        var id = BulkService.ChildJobId(bulkId, vmId);

        Assert.Equal(id, BulkService.ChildJobId(bulkId, vmId));
        Assert.NotEqual(id, BulkService.ChildJobId(bulkId, Guid.NewGuid()));
        Assert.NotEqual(id, BulkService.ChildJobId(Guid.NewGuid(), vmId));
        Assert.Equal(8, id.Version);
    }

    private static async Task<BulkJobInfo> WaitStoredAsync(BulkServiceHarness bulk, Guid bulkId)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        while (true)
        {
            var listed = (await bulk.Service.ListAsync(10, cts.Token)).Single(b => b.Id == bulkId);
            await using var db = await bulk.Jobs.Contexts.CreateDbContextAsync(cts.Token);
            var record = await db.Bulks.AsNoTracking().SingleAsync(b => b.Id == bulkId, cts.Token);
            if (record.State == listed.State && !await db.BulkItems.AnyAsync(i => i.BulkId == bulkId && i.Status == BulkItemStatus.Running, cts.Token))
            {
                return listed;
            }

            await Task.Delay(50, cts.Token);
        }
    }

    private static async Task WaitIdleAsync(BulkServiceHarness bulk)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        while (bulk.Jobs.Service.Active.Count > 0)
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
