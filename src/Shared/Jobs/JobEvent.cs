namespace CheckpointDashboard.Shared.Jobs;

/// <summary>A change to a job, as the job service publishes it (in process, and to SignalR clients).</summary>
public abstract record JobEvent(JobInfo Job)
{
    public sealed record Created(JobInfo Job) : JobEvent(Job);

    public sealed record Progressed(JobInfo Job) : JobEvent(Job);

    public sealed record Finished(JobInfo Job) : JobEvent(Job);
}
