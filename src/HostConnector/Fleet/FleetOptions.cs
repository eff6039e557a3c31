namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>The <c>Fleet</c> section of <c>appsettings.json</c>: which hosts to read, and how.</summary>
public sealed class FleetOptions
{
    public const string SectionName = "Fleet";

    /// <summary>Standalone hosts.</summary>
    public List<FleetHostOptions> Hosts { get; init; } = [];

    /// <summary>Failover clusters; their nodes are discovered.</summary>
    public List<FleetClusterOptions> Clusters { get; init; } = [];

    /// <summary>How often each host is read. Each host has its own loop; a slow one never delays the others.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each cluster is asked for its nodes and VM owners.</summary>
    public TimeSpan ClusterDiscoveryInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Hosts read at the same time, fleet-wide.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>The longest one host's refresh may take, retries included. Past it, the host is marked timed out.</summary>
    public TimeSpan HostTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one request to a host may take.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries of a failed read within one refresh (transient failures only).</summary>
    public int Retries { get; set; } = 2;

    /// <summary>First retry delay; later retries back off exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive failed attempts after which a host's circuit opens (calls fail fast).</summary>
    public int CircuitBreakerFailures { get; set; } = 5;

    /// <summary>How long an open circuit stays open before one trial attempt.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait between attempts at a failing host (the backoff doubles up to this).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest a host is read incrementally: between full reads, a host whose VMs report no configuration change
    /// (<c>TimeOfLastConfigurationChange</c>) answers one small query instead of three large ones. An operator's
    /// refresh, and any host that does not report the time, is always read in full.
    /// </summary>
    public TimeSpan FullReadInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rescan a disk folder for file sizes when its last scan is older than this.</summary>
    public TimeSpan DiskScanInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Disk folder scans one refresh may make (keeps a refresh a bounded number of requests).</summary>
    public int MaxDiskScansPerRefresh { get; set; } = 16;

    /// <summary>
    /// True when the fleet is the built-in simulator (however it is reached), so pages label it. Set in code by
    /// the simulator's wiring, never from configuration.
    /// </summary>
    public bool IsSimulated { get; private set; }

    public void MarkSimulated() => IsSimulated = true;

    /// <summary>Window in which changes are gathered before one snapshot is published to pages.</summary>
    public TimeSpan PublishCoalescing { get; set; } = TimeSpan.FromMilliseconds(100);
}
