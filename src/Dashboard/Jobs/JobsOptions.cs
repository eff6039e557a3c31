namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>The <c>Jobs</c> section: how operations are scheduled and followed.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>How often a running Hyper-V job is read. Progress reaches browsers within this plus ~100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Operations running at once, fleet-wide.</summary>
    public int MaxConcurrentJobs { get; set; } = 16;

    /// <summary>Checkpoint deletions (disk merges) running at once on one host: merges are heavy on storage.</summary>
    public int MaxConcurrentMergesPerHost { get; set; } = 2;

    /// <summary>
    /// How long a host may stay silent during a running job before its outcome is declared unknown; also how long, after
    /// a start, a job waits for the inventory to know its host (a cluster node is known once its cluster has been read).
    /// </summary>
    public TimeSpan HostLostAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often jobs with an unknown outcome are checked against their host's state.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Progress is written to the store at most this often per job (final states always at once).</summary>
    public TimeSpan ProgressPersistInterval { get; set; } = TimeSpan.FromSeconds(2);
}
