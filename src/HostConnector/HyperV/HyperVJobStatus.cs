namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>One read of a Hyper-V job (<c>Msvm_ConcreteJob</c>).</summary>
/// <param name="JobState">The raw <c>JobState</c>.</param>
/// <param name="PercentComplete">0-100.</param>
/// <param name="ErrorCode">0 when no error.</param>
/// <param name="Error">The host's error text (<c>ErrorDescription</c>, else <c>ErrorSummaryDescription</c>), or null.</param>
/// <param name="Cancellable">Whether Hyper-V lets this job be cancelled.</param>
public sealed record HyperVJobStatus(ushort JobState, ushort PercentComplete, ushort ErrorCode, string? Error, bool Cancellable)
{
    public bool IsFinished => HyperVSchema.JobState.IsFinished(JobState);

    /// <summary>Completed (7) or completed with warnings (32768), and no error code: success as os-win and PowerShell count it.</summary>
    public bool Succeeded => JobState is HyperVSchema.JobState.Completed or HyperVSchema.JobState.CompletedWithWarnings && ErrorCode == 0;

    public bool CompletedWithWarnings => JobState == HyperVSchema.JobState.CompletedWithWarnings && ErrorCode == 0;

    /// <summary>Terminated (8) or killed (9).</summary>
    public bool WasCancelled => JobState is HyperVSchema.JobState.Terminated or HyperVSchema.JobState.Killed;
}
