using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class JobBoardTests
{
    [Fact]
    public void Apply_ProgressThenFinished_MovesTheJobFromActiveToFinished()
    {
        var board = new JobBoard();
        var job = UiFakeJobService.Job("VM01", percent: 10);

        Assert.True(board.Apply(new JobEvent.Created(job)));
        Assert.True(board.Apply(new JobEvent.Progressed(job with { Percent = 55 })));
        Assert.Equal(55, Assert.Single(board.Active).Percent);

        Assert.True(board.Apply(new JobEvent.Finished(job with { State = JobState.Completed, Percent = 100, FinishedAt = Fleets.Now })));

        Assert.Empty(board.Active);
        Assert.Equal(JobState.Completed, Assert.Single(board.Finished).State);
    }

    [Fact]
    public void Apply_LateProgressAfterFinished_IsIgnored()
    {
        var board = new JobBoard();
        var job = UiFakeJobService.Job("VM01", percent: 90);
        board.Apply(new JobEvent.Finished(job with { State = JobState.Failed, Error = "boom", FinishedAt = Fleets.Now }));

        Assert.False(board.Apply(new JobEvent.Progressed(job)));

        Assert.Empty(board.Active);
        Assert.Equal("boom", Assert.Single(board.Finished).Error);
    }

    [Fact]
    public void Seed_NeverOverwritesWhatAnEventAlreadySaid()
    {
        var board = new JobBoard();
        var job = UiFakeJobService.Job("VM01", percent: 10);
        board.Apply(new JobEvent.Progressed(job with { Percent = 70 }));

        Assert.False(board.Seed([job]));

        Assert.Equal(70, Assert.Single(board.Active).Percent);
    }

    [Fact]
    public void Seed_FinalStateFromHistory_ReplacesAnOpenOne()
    {
        var board = new JobBoard();
        var job = UiFakeJobService.Job("VM01", percent: 10);
        board.Seed([job]);

        Assert.True(board.Seed([job with { State = JobState.Completed, FinishedAt = Fleets.Now }]));

        Assert.Empty(board.Active);
        Assert.Single(board.Finished);
    }

    [Fact]
    public void Apply_JobTheBoardDoesNotAccept_IsIgnored()
    {
        var vmId = Guid.NewGuid();
        var board = new JobBoard(j => j.VmId == vmId);

        Assert.False(board.Apply(new JobEvent.Created(UiFakeJobService.Job("OTHER"))));
        Assert.True(board.Apply(new JobEvent.Created(UiFakeJobService.Job("MINE", vmId))));

        Assert.Equal("MINE", Assert.Single(board.Active).VmName);
    }

    [Fact]
    public void Finished_KeepsOnlyTheNewestUpToTheLimit()
    {
        var board = new JobBoard(finishedLimit: 2);
        for (var i = 0; i < 4; i++)
        {
            board.Apply(new JobEvent.Finished(UiFakeJobService.Job($"VM{i}", state: JobState.Completed) with { FinishedAt = Fleets.Now.AddMinutes(i) }));
        }

        Assert.Equal(["VM3", "VM2"], board.Finished.Select(j => j.VmName));
    }

    [Fact]
    public void Active_IsInRequestOrderAndCountsOutcomeUnknown()
    {
        var board = new JobBoard();
        board.Seed(
        [
            UiFakeJobService.Job("LATER", requestedAt: Fleets.Now.AddMinutes(-1)),
            UiFakeJobService.Job("EARLIER", state: JobState.Queued, requestedAt: Fleets.Now.AddMinutes(-5)),
            UiFakeJobService.Job("UNKNOWN", state: JobState.OutcomeUnknown, requestedAt: Fleets.Now.AddMinutes(-3)),
        ]);

        Assert.Equal(["EARLIER", "UNKNOWN", "LATER"], board.Active.Select(j => j.VmName));
    }
}
