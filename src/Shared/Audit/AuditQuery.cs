namespace CheckpointDashboard.Shared.Audit;

/// <summary>Filters for the audit trail. Empty values filter nothing.</summary>
public sealed record AuditQuery
{
    public string? User { get; init; }

    public string? Action { get; init; }

    public string? Outcome { get; init; }

    /// <summary>Matches VM name, host or target.</summary>
    public string? Search { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int Limit { get; init; } = 1000;
}
