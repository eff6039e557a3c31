using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>
/// A job as stored. Besides what <see cref="JobInfo"/> shows, it keeps what a restart needs to pick the job up
/// without ever sending an operation twice: the request, the step in progress, whether that step's method was
/// already sent, and the Hyper-V job it started.
/// </summary>
public sealed class JobRecord
{
    public Guid Id { get; set; }

    public JobKind Kind { get; set; }

    public JobState State { get; set; }

    public Guid VmId { get; set; }

    public string VmName { get; set; } = string.Empty;

    public string Host { get; set; } = string.Empty;

    public string? Cluster { get; set; }

    public Guid? CheckpointId { get; set; }

    public string? CheckpointName { get; set; }

    /// <summary>The displayed parameters as JSON (a string map).</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>The original request as JSON, to resume after a restart.</summary>
    public string RequestJson { get; set; } = "{}";

    public string RequestedBy { get; set; } = string.Empty;

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int Percent { get; set; }

    public string? Phase { get; set; }

    public string? Result { get; set; }

    public string? Error { get; set; }

    public long? ErrorCode { get; set; }

    public string? Warning { get; set; }

    public Guid? ResultCheckpointId { get; set; }

    public string? Reconciliation { get; set; }

    /// <summary>The step in progress (see the job runner), or null before the first.</summary>
    public string? Step { get; set; }

    /// <summary>True once the current step's method was handed to the transport: from then on it is never sent again.</summary>
    public bool StepDispatched { get; set; }

    /// <summary>The WMI path of the Hyper-V job the current step started, as soon as the host returned it.</summary>
    public string? HyperVJob { get; set; }

    /// <summary>What steps learned that later steps need (the VM's state before, the checkpoint a create made), as JSON.</summary>
    public string ContextJson { get; set; } = "{}";

    /// <summary>When the host was last heard from while running (for deciding that it was lost).</summary>
    public DateTimeOffset? LastContact { get; set; }

    /// <summary>The bulk change this job is part of, if any.</summary>
    public Guid? BulkId { get; set; }

    /// <summary>Optimistic concurrency: two writers of one job never overwrite each other silently.</summary>
    public int Version { get; set; }
}
