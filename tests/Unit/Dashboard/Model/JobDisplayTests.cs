using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using MudBlazor;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class JobDisplayTests
{
    [Fact]
    public void Texts_SayWhatTheJobDoesOnWhichVm()
    {
        var create = UiFakeJobService.Job("VM01", percent: 40, phase: "Saving the VM");
        var delete = UiFakeJobService.Job("VM01", kind: JobKind.DeleteCheckpointSubtree, checkpointName: "Before patch");

        Assert.Equal("Creating checkpoint on VM01", JobDisplay.Summary(create));
        Assert.Equal("Deleting checkpoint subtree 'Before patch' on VM01", JobDisplay.Summary(delete));
        Assert.Equal("Progress of Create checkpoint on VM01", JobDisplay.ProgressLabel(create));
        Assert.Equal("40% · Saving the VM", JobDisplay.Status(create));
    }

    [Fact]
    public void Status_Finished_ShowsErrorWarningOrResult()
    {
        Assert.Equal("Access denied.", JobDisplay.Status(UiFakeJobService.Job("VM", state: JobState.Failed, error: "Access denied.")));
        Assert.Equal("Fell back to Standard.", JobDisplay.Status(UiFakeJobService.Job("VM", state: JobState.Completed, warning: "Fell back to Standard.", result: "Created.")));
        Assert.Equal("Created.", JobDisplay.Status(UiFakeJobService.Job("VM", state: JobState.Completed, result: "Created.")));
    }

    [Fact]
    public void ColorOf_CompletedWithWarning_IsAWarning()
    {
        Assert.Equal(Color.Warning, JobDisplay.ColorOf(UiFakeJobService.Job("VM", state: JobState.Completed, warning: "w")));
        Assert.Equal(Color.Success, JobDisplay.ColorOf(UiFakeJobService.Job("VM", state: JobState.Completed)));
        Assert.Equal(Color.Error, JobDisplay.ColorOf(UiFakeJobService.Job("VM", state: JobState.Failed)));
    }

    [Fact]
    public void Every_KindAndState_HasItsOwnText()
    {
        Assert.Equal(Enum.GetValues<JobKind>().Length, Enum.GetValues<JobKind>().Select(JobDisplay.Title).Distinct().Count());
        Assert.Equal(Enum.GetValues<JobKind>().Length, Enum.GetValues<JobKind>().Select(JobDisplay.Verb).Distinct().Count());
        Assert.Equal(Enum.GetValues<JobState>().Length, Enum.GetValues<JobState>().Select(JobDisplay.StateText).Distinct().Count());
    }

    [Fact]
    public void Duration_RunsFromStartToFinishOrNow()
    {
        var job = UiFakeJobService.Job("VM") with { StartedAt = Fleets.Now.AddMinutes(-3), FinishedAt = null };

        Assert.Equal(TimeSpan.FromMinutes(3), JobDisplay.Duration(job, Fleets.Now));
        Assert.Equal(TimeSpan.FromMinutes(1), JobDisplay.Duration(job with { FinishedAt = Fleets.Now.AddMinutes(-2) }, Fleets.Now));
        Assert.Null(JobDisplay.Duration(job with { StartedAt = null }, Fleets.Now));
    }
}
