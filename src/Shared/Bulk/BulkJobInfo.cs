namespace CheckpointDashboard.Shared.Bulk;

/// <summary>A bulk change's summary (its items are read separately: there can be thousands).</summary>
public sealed record BulkJobInfo
{
    public required Guid Id { get; init; }

    public required BulkState State { get; init; }

    public required CheckpointSettingsTarget Target { get; init; }

    /// <summary>The selection in words ("cluster PROD, name DC*").</summary>
    public required string Selection { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The bulk change this one retries the failures of.</summary>
    public Guid? RetryOf { get; init; }

    public int Total { get; init; }

    public int Pending { get; init; }

    public int Running { get; init; }

    public int Succeeded { get; init; }

    public int Failed { get; init; }

    public int Skipped { get; init; }

    public int Cancelled { get; init; }

    public int Unknown { get; init; }

    /// <summary>Share of the items to change that are done (succeeded, failed, cancelled or unknown).</summary>
    public int Percent => Total - Skipped == 0 ? 100 : 100 * (Succeeded + Failed + Cancelled + Unknown) / (Total - Skipped);

    public bool IsFinal => State != BulkState.Running;
}
