using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class JobFilterTests
{
    private static readonly JobInfo s_failedDelete = UiFakeJobService.Job("PRD-SQL01", kind: JobKind.DeleteCheckpoint, state: JobState.Failed,
        host: "HV02", checkpointName: "Before patch");

    [Fact]
    public void Matches_Empty_MatchesEverything()
    {
        Assert.True(JobFilter.None.IsEmpty);
        Assert.True(JobFilter.None.Matches(s_failedDelete));
    }

    [Theory]
    [InlineData("sql")]
    [InlineData("before")]
    [InlineData("LOCAL")]
    public void Matches_Search_LooksAtVmCheckpointAndRequester(string search)
    {
        Assert.True(new JobFilter { Search = search }.Matches(s_failedDelete));
        Assert.False(new JobFilter { Search = "web" }.Matches(s_failedDelete));
    }

    [Fact]
    public void Matches_StatesKindsAndHost_AllMustMatch()
    {
        var filter = new JobFilter { States = new HashSet<JobState> { JobState.Failed }, Kinds = new HashSet<JobKind> { JobKind.DeleteCheckpoint }, Host = "hv02" };

        Assert.True(filter.Matches(s_failedDelete));
        Assert.False((filter with { Host = "HV01" }).Matches(s_failedDelete));
        Assert.False((filter with { Kinds = new HashSet<JobKind> { JobKind.CreateCheckpoint } }).Matches(s_failedDelete));
        Assert.False((filter with { States = new HashSet<JobState> { JobState.Completed } }).Matches(s_failedDelete));
    }

    [Fact]
    public void Matches_RunningOnly_DropsFinishedJobs()
    {
        var filter = new JobFilter { RunningOnly = true };

        Assert.False(filter.Matches(s_failedDelete));
        Assert.True(filter.Matches(UiFakeJobService.Job("VM", state: JobState.Queued)));
    }

    [Fact]
    public void ToQuery_CarriesTheFiltersTrimmed()
    {
        var query = new JobFilter { Search = "  sql ", Host = " HV02 ", Kinds = new HashSet<JobKind> { JobKind.ApplyCheckpoint } }.ToQuery(50);

        Assert.Equal("sql", query.Search);
        Assert.Equal("HV02", query.Host);
        Assert.Equal([JobKind.ApplyCheckpoint], query.Kinds);
        Assert.Equal(50, query.Limit);
    }
}
