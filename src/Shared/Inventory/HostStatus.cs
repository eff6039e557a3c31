namespace CheckpointDashboard.Shared.Inventory;

/// <summary>A Hyper-V host (standalone, or a node of a failover cluster) and how its last reads went.</summary>
public sealed record HostStatus
{
    public required string Name { get; init; }

    /// <summary>The failover cluster the host is a node of; null for a standalone host.</summary>
    public string? Cluster { get; init; }

    /// <summary>Where the dashboard connects to it (never includes credentials).</summary>
    public required string Endpoint { get; init; }

    public HostState State { get; init; }

    public DateTimeOffset? LastAttempt { get; init; }

    public DateTimeOffset? LastSuccess { get; init; }

    /// <summary>The host's own error text, or ours, from the last failed refresh.</summary>
    public string? LastError { get; init; }

    public HostErrorKind LastErrorKind { get; init; }

    /// <summary>Average round-trip time of one request in the last successful refresh.</summary>
    public TimeSpan? RoundTrip { get; init; }

    /// <summary>Requests the last successful refresh needed (a fixed number, whatever the VM count).</summary>
    public int Requests { get; init; }

    /// <summary>When the data shown for this host stopped being current; null while it is current.</summary>
    public DateTimeOffset? StaleSince { get; init; }

    public int VmCount { get; init; }

    public int CheckpointCount { get; init; }

    public bool IsStale => StaleSince is not null;
}
