namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>A rate: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class HardeningRateLimit
{
    /// <summary>Requests allowed per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The time the <see cref="PermitLimit"/> is counted over.</summary>
    public TimeSpan Window { get; set; }
}
