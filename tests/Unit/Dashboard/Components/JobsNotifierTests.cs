using Bunit;
using CheckpointDashboard.Dashboard.Components.Layout;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

public sealed class JobsNotifierTests : DashboardTestContext
{
    public JobsNotifierTests()
        : base(Fleets.Snapshot([Fleets.Vm("APP01")]))
    {
    }

    [Fact]
    public void Badge_CountsActiveJobsLive()
    {
        var cut = Render<JobsNotifier>();
        Assert.Equal("Jobs: none active", cut.Find("button").GetAttribute("aria-label"));
        var first = UiFakeJobService.Job("APP01", percent: 10);
        var second = UiFakeJobService.Job("WEB01", state: JobState.Queued);

        JobService.Publish(new JobEvent.Created(first));
        JobService.Publish(new JobEvent.Created(second));
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Jobs: 2 active", cut.Find("button").GetAttribute("aria-label"));
            Assert.Equal("2", cut.Find(".mud-badge").Text());
        }, TestTimeouts.Short);

        JobService.Publish(new JobEvent.Finished(first with { State = JobState.Completed, FinishedAt = Fleets.Now }));
        cut.WaitForAssertion(() => Assert.Equal("Jobs: 1 active", cut.Find("button").GetAttribute("aria-label")), TestTimeouts.Short);
    }

    [Fact]
    public void Menu_ListsActiveAndFinishedJobsWithFailuresHighlighted()
    {
        JobService.History.Add(UiFakeJobService.Job("DB01", kind: JobKind.DeleteCheckpoint, state: JobState.Failed, error: "The file is in use."));
        JobService.AddActive(UiFakeJobService.Job("APP01", percent: 35, phase: "Merging disks"));
        var cut = Render<JobsNotifier>();

        cut.Find("button").Click();

        Popovers.WaitForAssertion(() =>
        {
            var active = Assert.Single(Popovers.FindAll("[data-testid=jobs-menu-active]"));
            Assert.Contains("APP01", active.Text(), StringComparison.Ordinal);
            Assert.Contains("35% · Merging disks", active.Text(), StringComparison.Ordinal);
            var failed = Assert.Single(Popovers.FindAll(".job-failed"));
            Assert.Contains("DB01", failed.Text(), StringComparison.Ordinal);
            Assert.Contains("The file is in use.", failed.Text(), StringComparison.Ordinal);
            Assert.StartsWith("/jobs?id=", failed.GetAttribute("href") ?? failed.QuerySelector("a")?.GetAttribute("href"), StringComparison.Ordinal);
        }, TestTimeouts.Short);
    }
}
