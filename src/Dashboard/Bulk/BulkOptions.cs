namespace CheckpointDashboard.Dashboard.Bulk;

/// <summary>The <c>Bulk</c> section: how fast a bulk change may go.</summary>
public sealed class BulkOptions
{
    public const string SectionName = "Bulk";

    /// <summary>VMs of one host changed at once (each change locks the VM's configuration on its host).</summary>
    public int MaxConcurrentPerHost { get; set; } = 4;

    /// <summary>
    /// VMs changed at once across all bulk changes. The job service's own limit (<c>Jobs:MaxConcurrentJobs</c>, 16 by
    /// default) also applies; keeping this below it leaves room for interactive operations during a large bulk change.
    /// </summary>
    public int MaxConcurrent { get; set; } = 12;

    /// <summary>How often running items are checked against their jobs, in case a job event was missed.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a start, how long a bulk change resumed from the store waits for the inventory's first read of a VM's host
    /// before deciding that VM without it. Until then "not in the inventory" only means "not read yet", not "deleted".
    /// </summary>
    public TimeSpan InventoryWait { get; set; } = TimeSpan.FromMinutes(2);
}
