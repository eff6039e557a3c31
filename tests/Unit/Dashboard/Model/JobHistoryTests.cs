using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class JobHistoryTests
{
    [Fact]
    public void New_KeepsOnlyFinishedJobsThatMatchNewestFirst()
    {
        var old = UiFakeJobService.Job("OLD", state: JobState.Completed) with { FinishedAt = Fleets.Now.AddHours(-2) };
        var recent = UiFakeJobService.Job("RECENT", state: JobState.Failed) with { FinishedAt = Fleets.Now.AddHours(-1) };
        var running = UiFakeJobService.Job("RUNNING");

        var history = new JobHistory([old, running, recent], JobFilter.None);

        Assert.Equal(["RECENT", "OLD"], history.Items.Select(j => j.VmName));
    }

    [Fact]
    public void Apply_JobFinishing_ComesFirstWhenItMatches()
    {
        var filter = new JobFilter { States = new HashSet<JobState> { JobState.Failed } };
        var history = new JobHistory([UiFakeJobService.Job("OLD", state: JobState.Failed) with { FinishedAt = Fleets.Now.AddHours(-1) }], filter);
        var job = UiFakeJobService.Job("NEW");

        Assert.False(history.Apply(job));
        Assert.False(history.Apply(job with { State = JobState.Completed, FinishedAt = Fleets.Now }));
        Assert.True(history.Apply(job with { State = JobState.Failed, FinishedAt = Fleets.Now }));

        Assert.Equal(["NEW", "OLD"], history.Items.Select(j => j.VmName));
    }
}
