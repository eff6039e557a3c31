using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Components.Layout;

/// <summary>
/// The app bar's notification area: a badge with the number of open jobs, and a menu with the open ones and the last
/// finished ones (failures highlighted), each linking to its details. Live on every page.
/// </summary>
public partial class JobsNotifier
{
    private static readonly HashSet<JobState> s_finalStates = [JobState.Completed, JobState.Failed, JobState.Cancelled];

    private bool FailedRecently => Board.Finished.Count > 0 && Board.Finished[0].State == JobState.Failed;

    private string ButtonLabel => Board.Active.Count switch
    {
        0 => "Jobs: none active",
        1 => "Jobs: 1 active",
        var n => $"Jobs: {n} active",
    };

    protected override JobQuery? HistoryQuery() => new() { States = s_finalStates, Limit = FinishedLimit };
}
