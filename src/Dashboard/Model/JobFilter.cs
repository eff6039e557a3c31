using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>What the jobs page shows. Empty values filter nothing; the same rules apply to history and live events.</summary>
public sealed record JobFilter
{
    public static JobFilter None { get; } = new();

    public IReadOnlySet<JobState> States { get; init; } = new HashSet<JobState>();

    public IReadOnlySet<JobKind> Kinds { get; init; } = new HashSet<JobKind>();

    public string? Host { get; init; }

    /// <summary>Matches VM name, checkpoint name or who requested it (case-insensitive substring).</summary>
    public string? Search { get; init; }

    /// <summary>Only jobs not finished yet; history is not shown.</summary>
    public bool RunningOnly { get; init; }

    public bool IsEmpty =>
        States.Count == 0 && Kinds.Count == 0 && string.IsNullOrWhiteSpace(Host) && string.IsNullOrWhiteSpace(Search) && !RunningOnly;

    /// <summary>The history query for this filter.</summary>
    public JobQuery ToQuery(int limit = 500) => new()
    {
        States = States,
        Kinds = Kinds,
        Host = string.IsNullOrWhiteSpace(Host) ? null : Host.Trim(),
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        Limit = limit,
    };

    /// <summary>Whether a job (from a live event) belongs in the filtered view.</summary>
    public bool Matches(JobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (RunningOnly && job.IsFinal)
        {
            return false;
        }

        if (States.Count > 0 && !States.Contains(job.State))
        {
            return false;
        }

        if (Kinds.Count > 0 && !Kinds.Contains(job.Kind))
        {
            return false;
        }

        if (!string.IsNullOrWhiteSpace(Host) && !string.Equals(job.Host, Host.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(Search))
        {
            return true;
        }

        var text = Search.Trim();
        return job.VmName.Contains(text, StringComparison.OrdinalIgnoreCase) ||
            (job.CheckpointName?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false) ||
            job.RequestedBy.Contains(text, StringComparison.OrdinalIgnoreCase);
    }
}
