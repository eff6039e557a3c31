namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// The names of what a client of <see cref="JobsHub"/> can follow: all jobs, one VM's, or one job; all bulk changes, or
/// one bulk change. The prefixes keep the kinds apart, so a job and a bulk change with the same id never share a group.
/// </summary>
public static class JobGroups
{
    /// <summary>Every job.</summary>
    public const string All = "jobs";

    /// <summary>Every bulk change.</summary>
    public const string AllBulk = "bulk";

    public static string Vm(Guid vmId) => $"vm:{vmId}";

    public static string Job(Guid jobId) => $"job:{jobId}";

    public static string Bulk(Guid bulkId) => $"bulk:{bulkId}";
}
