using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.Dashboard.Model;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>Live progress on the VM page: this VM's jobs only, advancing with the service's events, then their outcome.</summary>
public sealed class VmJobsPanelTests : DashboardTestContext
{
    private const string Label = "Progress of Create checkpoint on APP01";
    private static readonly VirtualMachine s_app = CheckpointTrees.Branched("APP01");
    private static readonly VirtualMachine s_other = CheckpointTrees.Branched("OTHER01");

    public VmJobsPanelTests()
        : base(Fleets.Snapshot([s_app, s_other]))
    {
    }

    [Fact]
    public void Progress_AppearsAdvancesAndTurnsIntoTheResult()
    {
        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, s_app.Id));
        Assert.Empty(cut.FindAll("[role=progressbar]"));
        var job = UiFakeJobService.Job("APP01", s_app.Id, percent: 0, phase: "Starting");

        JobService.Publish(new JobEvent.Created(job));
        cut.WaitForAssertion(() => Assert.Equal("0", ProgressBar(cut).GetAttribute("aria-valuenow")), TestTimeouts.Short);

        JobService.Publish(new JobEvent.Progressed(job with { Percent = 60, Phase = "Saving the VM" }));
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("60", ProgressBar(cut).GetAttribute("aria-valuenow"));
            Assert.Contains("60% · Saving the VM", cut.Find("[data-testid=job-status]").Text(), StringComparison.Ordinal);
        }, TestTimeouts.Short);

        JobService.Publish(new JobEvent.Finished(job with
        {
            State = JobState.Completed, Percent = 100, FinishedAt = Fleets.Now,
            Result = "Created checkpoint 'APP01 - (24.11.2026 - 12:00:00)'.",
            Warning = "The guest could not quiesce: a Standard checkpoint was created instead of a Production one.",
        }));
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[role=progressbar]"));
            var outcome = cut.Find("[data-testid=job-outcome]");
            Assert.Contains("a Standard checkpoint was created instead", outcome.Text(), StringComparison.Ordinal);
            Assert.Contains("mud-alert-text-warning", outcome.ClassName, StringComparison.Ordinal);
        }, TestTimeouts.Short);
    }

    [Fact]
    public void OtherVmsJobs_AreNotShown()
    {
        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, s_app.Id));

        JobService.Publish(new JobEvent.Created(UiFakeJobService.Job("OTHER01", s_other.Id, percent: 30)));
        JobService.Publish(new JobEvent.Created(UiFakeJobService.Job("APP01", s_app.Id, kind: JobKind.DeleteCheckpoint, percent: 10)));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[role=progressbar]")), TestTimeouts.Short);
        Assert.Equal("Progress of Delete checkpoint on APP01", cut.Find("[role=progressbar]").GetAttribute("aria-label"));
        Assert.DoesNotContain("OTHER01", cut.Find("[data-testid=vm-jobs]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void JobsRunningBeforeThePageOpened_ShowAtOnceAndCanBeCancelled()
    {
        var job = UiFakeJobService.Job("APP01", s_app.Id, percent: 42, canCancel: true);
        JobService.AddActive(job);

        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, s_app.Id));

        Assert.Equal("42", ProgressBar(cut).GetAttribute("aria-valuenow"));
        cut.Button("Cancel Create checkpoint on APP01").Click();
        cut.WaitForAssertion(() => Assert.Equal([job.Id], JobService.Cancelled), TestTimeouts.Short);
    }

    [Fact]
    public void FailedJob_ShowsTheHostsError()
    {
        var cut = Render<VmDetail>(p => p.Add(c => c.VmId, s_app.Id));
        var job = UiFakeJobService.Job("APP01", s_app.Id, kind: JobKind.ApplyCheckpoint, percent: 20);

        JobService.Publish(new JobEvent.Finished(job with
        {
            State = JobState.Failed, FinishedAt = Fleets.Now, Error = "'APP01' could not apply the snapshot: access denied.", ErrorCode = 32775,
        }));

        cut.WaitForAssertion(() =>
        {
            var outcome = cut.Find("[data-testid=job-outcome]").Text();
            Assert.Contains("could not apply the snapshot: access denied. (code 32775)", outcome, StringComparison.Ordinal);
        }, TestTimeouts.Short);
    }

    private static AngleSharp.Dom.IElement ProgressBar(IRenderedComponent<VmDetail> cut) =>
        Assert.Single(cut.FindAll("[role=progressbar]"), e => e.GetAttribute("aria-label") == Label);
}
