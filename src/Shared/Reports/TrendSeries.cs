using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>Daily series for the trend charts, from raw or compacted samples.</summary>
public static class TrendSeries
{
    /// <summary>The windows the report page offers, in days.</summary>
    public static ImmutableArray<int> StandardWindows { get; } = [7, 30, 90];

    /// <summary>
    /// The whole fleet, one point per UTC day of the last <paramref name="days"/> days (today included) that has
    /// samples: each cluster's last sample of the day, summed. Days without samples are left out, not invented.
    /// </summary>
    public static ImmutableArray<TrendPoint> Fleet(IEnumerable<InventorySummary> samples, DateTimeOffset now, int days) =>
        Build(samples, now, days, static _ => true);

    /// <summary>As <see cref="Fleet"/>, for one cluster (null: the standalone hosts).</summary>
    public static ImmutableArray<TrendPoint> Cluster(IEnumerable<InventorySummary> samples, DateTimeOffset now, int days, string? cluster) =>
        Build(samples, now, days, s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase));

    private static ImmutableArray<TrendPoint> Build(
        IEnumerable<InventorySummary> samples, DateTimeOffset now, int days, Func<InventorySummary, bool> include)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(-(days - 1));

        // Per day, per cluster: the day's last sample with its peak and churn (the compactor's rule, applied again so
        // raw and compacted histories give the same series).
        var perDay = new SortedDictionary<DateOnly, Dictionary<string, InventorySummary>>();
        foreach (var sample in samples)
        {
            var day = DateOnly.FromDateTime(sample.At.UtcDateTime);
            if (day < first || sample.At > now || !include(sample))
            {
                continue;
            }

            if (!perDay.TryGetValue(day, out var clusters))
            {
                clusters = new Dictionary<string, InventorySummary>(StringComparer.OrdinalIgnoreCase);
                perDay[day] = clusters;
            }

            var key = sample.Cluster ?? string.Empty;
            clusters[key] = clusters.TryGetValue(key, out var known) ? TrendCompactor.Merge(known, sample) : sample;
        }

        var points = ImmutableArray.CreateBuilder<TrendPoint>(perDay.Count);
        foreach (var (day, clusters) in perDay)
        {
            var point = new TrendPoint(day, DateTimeOffset.MinValue, 0, 0, 0, 0, 0, 0, 0, 0);
            foreach (var s in clusters.Values)
            {
                point = point with
                {
                    At = s.At > point.At ? s.At : point.At,
                    Vms = point.Vms + s.Vms,
                    Checkpoints = point.Checkpoints + s.Checkpoints,
                    CheckpointBytes = point.CheckpointBytes + s.CheckpointBytes,
                    Findings = point.Findings + s.Findings,
                    Critical = point.Critical + s.Critical,
                    MaxCheckpoints = point.MaxCheckpoints + Math.Max(s.MaxCheckpoints, s.Checkpoints),
                    Added = point.Added + s.Added,
                    Removed = point.Removed + s.Removed,
                };
            }

            points.Add(point);
        }

        return points.MoveToImmutable();
    }
}
