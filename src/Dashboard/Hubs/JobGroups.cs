namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>The names of what a client of <see cref="JobsHub"/> can follow: all jobs, one VM's, or one job.</summary>
public static class JobGroups
{
    /// <summary>Every job.</summary>
    public const string All = "jobs";

    public static string Vm(Guid vmId) => $"vm:{vmId}";

    public static string Job(Guid jobId) => $"job:{jobId}";
}
