namespace CheckpointDashboard.Shared.Jobs;

/// <summary>Where a job is. Completed, Failed and Cancelled are final; OutcomeUnknown waits for reconciliation.</summary>
public enum JobState
{
    /// <summary>Accepted, waiting for its VM (one operation per VM at a time) or a free slot.</summary>
    Queued,

    /// <summary>Sent to the host; progress follows Hyper-V's job.</summary>
    Running,

    Completed,
    Failed,
    Cancelled,

    /// <summary>
    /// The host stopped answering after the operation was sent, so whether it took effect is not known. Never
    /// reported as success or failure by guess: the job is reconciled against the host's real state when it answers.
    /// </summary>
    OutcomeUnknown,
}
