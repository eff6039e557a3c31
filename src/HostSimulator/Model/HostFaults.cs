namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>
/// Faults injected into one simulated host, applied by every transport in front of it (in-process and
/// WS-Management alike). Replace the whole record to change them; it is read once per request.
/// </summary>
public sealed record HostFaults
{
    public static HostFaults None { get; } = new();

    /// <summary>Added to every request.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The host does not answer at all (connection refused).</summary>
    public bool Unreachable { get; init; }

    /// <summary>The host accepts requests but never answers (the caller's timeout must fire).</summary>
    public bool Hang { get; init; }

    /// <summary>Share of requests (0-1) that fail with a provider error.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Answers are malformed (garbage values in-process; broken XML over the wire).</summary>
    public bool Malformed { get; init; }

    /// <summary>Every credential is rejected.</summary>
    public bool RejectCredentials { get; init; }

    public bool Any => this != None;
}
