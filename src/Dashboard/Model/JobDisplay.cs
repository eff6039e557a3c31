using CheckpointDashboard.Shared.Jobs;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>How jobs read on screen: kinds as verbs, states as words and colours, one-line summaries.</summary>
public static class JobDisplay
{
    /// <summary>The operation, as a button or column says it: "Create checkpoint".</summary>
    public static string Title(JobKind kind) => kind switch
    {
        JobKind.CreateCheckpoint => "Create checkpoint",
        JobKind.ApplyCheckpoint => "Apply checkpoint",
        JobKind.RevertVm => "Revert",
        JobKind.RenameCheckpoint => "Rename checkpoint",
        JobKind.ExportCheckpoint => "Export checkpoint",
        JobKind.DeleteCheckpoint => "Delete checkpoint",
        JobKind.DeleteCheckpointSubtree => "Delete checkpoint subtree",
        JobKind.ChangeCheckpointSettings => "Change checkpoint settings",
        _ => kind.ToString(),
    };

    /// <summary>The operation while it runs: "Creating checkpoint".</summary>
    public static string Verb(JobKind kind) => kind switch
    {
        JobKind.CreateCheckpoint => "Creating checkpoint",
        JobKind.ApplyCheckpoint => "Applying checkpoint",
        JobKind.RevertVm => "Reverting",
        JobKind.RenameCheckpoint => "Renaming checkpoint",
        JobKind.ExportCheckpoint => "Exporting checkpoint",
        JobKind.DeleteCheckpoint => "Deleting checkpoint",
        JobKind.DeleteCheckpointSubtree => "Deleting checkpoint subtree",
        JobKind.ChangeCheckpointSettings => "Changing checkpoint settings",
        _ => kind.ToString(),
    };

    public static string StateText(JobState state) => state switch
    {
        JobState.Queued => "Queued",
        JobState.Running => "Running",
        JobState.Completed => "Completed",
        JobState.Failed => "Failed",
        JobState.Cancelled => "Cancelled",
        JobState.OutcomeUnknown => "Outcome unknown",
        _ => state.ToString(),
    };

    public static Color StateColor(JobState state) => state switch
    {
        JobState.Queued => Color.Default,
        JobState.Running => Color.Info,
        JobState.Completed => Color.Success,
        JobState.Failed => Color.Error,
        JobState.Cancelled => Color.Secondary,
        JobState.OutcomeUnknown => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>The state's colour, with a completed job that carries a warning shown as a warning.</summary>
    public static Color ColorOf(JobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.State == JobState.Completed && job.Warning is not null ? Color.Warning : StateColor(job.State);
    }

    /// <summary>"Creating checkpoint on VM01", "Deleting checkpoint 'Before patch' on VM01".</summary>
    public static string Summary(JobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.CheckpointName is { Length: > 0 } checkpoint && job.Kind != JobKind.CreateCheckpoint
            ? $"{Verb(job.Kind)} '{checkpoint}' on {job.VmName}"
            : $"{Verb(job.Kind)} on {job.VmName}";
    }

    /// <summary>The accessible name of a job's progress bar.</summary>
    public static string ProgressLabel(JobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return $"Progress of {Title(job.Kind)} on {job.VmName}";
    }

    /// <summary>What a job's state means in a few words: its percent and phase while running, its outcome once done.</summary>
    public static string Status(JobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.State switch
        {
            JobState.Queued => "Queued" + (job.Phase is { Length: > 0 } queuedPhase ? $" · {queuedPhase}" : string.Empty),
            JobState.Running => $"{job.Percent}%" + (job.Phase is { Length: > 0 } phase ? $" · {phase}" : string.Empty),
            JobState.Completed => job.Warning ?? job.Result ?? "Completed",
            JobState.Failed => job.Error ?? "Failed",
            JobState.Cancelled => "Cancelled",
            JobState.OutcomeUnknown => job.Reconciliation ?? "The host stopped answering; the outcome is checked when it answers again.",
            _ => job.State.ToString(),
        };
    }

    /// <summary>Where a job's details are: the jobs page, opened on this job.</summary>
    public static string Href(Guid jobId) => $"/jobs?id={jobId}";

    /// <summary>How long a job ran (or has been running at <paramref name="now"/>); null before it started.</summary>
    public static TimeSpan? Duration(JobInfo job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.StartedAt is not { } started)
        {
            return null;
        }

        var end = job.FinishedAt ?? now;
        return end > started ? end - started : TimeSpan.Zero;
    }
}
