using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Jobs;

/// <summary>
/// A job as pages, the API and SignalR clients see it. Immutable: every change produces a new record.
/// </summary>
public sealed record JobInfo
{
    public required Guid Id { get; init; }

    public required JobKind Kind { get; init; }

    public required JobState State { get; init; }

    public required Guid VmId { get; init; }

    public required string VmName { get; init; }

    public required string Host { get; init; }

    public string? Cluster { get; init; }

    /// <summary>The checkpoint the job works on, when it works on one.</summary>
    public Guid? CheckpointId { get; init; }

    public string? CheckpointName { get; init; }

    /// <summary>The request's parameters, for display and audit (never secrets).</summary>
    public ImmutableSortedDictionary<string, string> Parameters { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>0-100, from Hyper-V's <c>PercentComplete</c> over the job's steps.</summary>
    public int Percent { get; init; }

    /// <summary>What is happening now, in words ("Saving the VM", "Merging disks").</summary>
    public string? Phase { get; init; }

    /// <summary>What the job achieved, in words, once completed.</summary>
    public string? Result { get; init; }

    /// <summary>Why it failed: the host's own error text when it gave one.</summary>
    public string? Error { get; init; }

    /// <summary>Hyper-V's error or return code, when it gave one.</summary>
    public uint? ErrorCode { get; init; }

    /// <summary>Completed, but with something the operator should know (Production fell back to Standard).</summary>
    public string? Warning { get; init; }

    /// <summary>The checkpoint a create made.</summary>
    public Guid? ResultCheckpointId { get; init; }

    /// <summary>Whether cancelling is possible now (Hyper-V cannot cancel every job, merges least of all).</summary>
    public bool CanCancel { get; init; }

    /// <summary>Set when the outcome was established by reconciling against the host's state, with how.</summary>
    public string? Reconciliation { get; init; }

    /// <summary>The bulk change this job is part of, if any.</summary>
    public Guid? BulkId { get; init; }

    public bool IsFinal => State is JobState.Completed or JobState.Failed or JobState.Cancelled;

    public bool IsActive => State is JobState.Queued or JobState.Running;
}
