namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// One trend sample: a cluster's checkpoint figures at one moment (<see cref="Cluster"/> null for the standalone
/// hosts together). The store keeps these; <see cref="TrendCompactor"/> thins old ones to one per cluster per day.
/// </summary>
/// <param name="At">When the sample was taken.</param>
/// <param name="Checkpoints">Checkpoints at <see cref="At"/> (for a compacted day: at the day's last sample).</param>
/// <param name="Findings">Findings of every severity.</param>
/// <param name="Critical">Of those, Critical ones.</param>
/// <param name="MaxCheckpoints">The most checkpoints seen: equal to <see cref="Checkpoints"/> for a raw sample, the day's peak once compacted.</param>
/// <param name="Added">Checkpoints that appeared since the previous sample (summed over the day once compacted).</param>
/// <param name="Removed">Checkpoints that disappeared since the previous sample (summed over the day once compacted).</param>
public sealed record InventorySummary(
    DateTimeOffset At,
    string? Cluster,
    int Vms,
    int Checkpoints,
    long CheckpointBytes,
    int Findings,
    int Critical,
    int MaxCheckpoints,
    int Added = 0,
    int Removed = 0)
{
    /// <summary>
    /// One sample per cluster roll-up of <paramref name="report"/> (standalone hosts as the null cluster), with the
    /// churn since the previous snapshot when <paramref name="churn"/> is given. Sample an unfiltered report: a
    /// filtered one would record the filter, not the fleet.
    /// </summary>
    public static IReadOnlyList<InventorySummary> FromReport(CheckpointReport report, CheckpointDiff? churn = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var samples = new List<InventorySummary>(report.ByCluster.Length);
        foreach (var cluster in report.ByCluster)
        {
            samples.Add(new InventorySummary(
                report.GeneratedAt, cluster.Cluster, cluster.Vms, cluster.Checkpoints, cluster.Bytes, cluster.Findings,
                cluster.Critical, cluster.Checkpoints, churn?.AddedIn(cluster.Cluster) ?? 0, churn?.RemovedIn(cluster.Cluster) ?? 0));
        }

        return samples;
    }
}
