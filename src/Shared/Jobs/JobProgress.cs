namespace CheckpointDashboard.Shared.Jobs;

/// <summary>A progress tick of a running job (sent often; the full <see cref="JobInfo"/> comes with created and finished).</summary>
public sealed record JobProgress(Guid JobId, Guid VmId, JobState State, int Percent, string? Phase, DateTimeOffset At);
