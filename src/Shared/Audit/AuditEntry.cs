namespace CheckpointDashboard.Shared.Audit;

/// <summary>
/// One line of the audit trail: who did what to which VM on which host, with what parameters, and how it ended.
/// Written for every mutating operation (when requested and when finished) and, later, for sign-ins and denials.
/// </summary>
public sealed record AuditEntry
{
    public long Id { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The signed-in user, or "local" until sign-in exists.</summary>
    public required string User { get; init; }

    /// <summary>What was done, e.g. "CreateCheckpoint".</summary>
    public required string Action { get; init; }

    public Guid? VmId { get; init; }

    public string? VmName { get; init; }

    public string? Host { get; init; }

    /// <summary>The object acted on beyond the VM, e.g. a checkpoint's name.</summary>
    public string? Target { get; init; }

    /// <summary>The request's parameters as "key=value; …" (never secrets).</summary>
    public string? Parameters { get; init; }

    /// <summary>Requested, Completed, Failed, Cancelled, OutcomeUnknown, Denied, …</summary>
    public required string Outcome { get; init; }

    /// <summary>The result or the error, in words.</summary>
    public string? Detail { get; init; }

    public Guid? JobId { get; init; }
}
