namespace CheckpointDashboard.Shared.Jobs;

/// <summary>Filters for job history. Empty values filter nothing.</summary>
public sealed record JobQuery
{
    public Guid? VmId { get; init; }

    public string? Host { get; init; }

    public IReadOnlySet<JobState> States { get; init; } = new HashSet<JobState>();

    public IReadOnlySet<JobKind> Kinds { get; init; } = new HashSet<JobKind>();

    /// <summary>Matches VM name, checkpoint name or who requested it.</summary>
    public string? Search { get; init; }

    public DateTimeOffset? Since { get; init; }

    public int Limit { get; init; } = 500;
}
