namespace CheckpointDashboard.Shared.Jobs;

/// <summary>Why a request was not accepted, in a sentence the operator can act on.</summary>
public enum JobRejection
{
    /// <summary>The VM or checkpoint is not in the inventory (HTTP 404).</summary>
    NotFound,

    /// <summary>The request itself is wrong: a bad name, path or combination (HTTP 400).</summary>
    Invalid,

    /// <summary>The VM changed since the requester saw it, or is in a state that does not allow this (HTTP 409).</summary>
    Conflict,

    /// <summary>The requester may not do this (HTTP 403).</summary>
    Forbidden,
}

/// <summary>A request the job service did not accept; nothing was sent to any host.</summary>
public sealed class JobRejectedException : Exception
{
    public JobRejectedException(JobRejection reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public JobRejection Reason { get; }
}
