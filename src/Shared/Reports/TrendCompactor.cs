using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// Thins the trend history: every sample of the recent past is kept, older ones become one sample per cluster per UTC
/// day (the day's last, carrying the day's peak checkpoint count and its summed churn), and the oldest are dropped.
/// Pure and idempotent: compacting an already compacted history changes nothing.
/// </summary>
public static class TrendCompactor
{
    /// <param name="samples">The history, in any order.</param>
    /// <param name="now">The time the windows are measured from.</param>
    /// <param name="keepEverything">Samples younger than this are kept as they are (e.g. 2 days).</param>
    /// <param name="keepDaily">Samples older than this are dropped; null keeps daily samples for ever.</param>
    /// <returns>The compacted history, oldest first, clusters by name within a moment (standalone hosts last).</returns>
    public static ImmutableArray<InventorySummary> Compact(
        IEnumerable<InventorySummary> samples, DateTimeOffset now, TimeSpan keepEverything, TimeSpan? keepDaily = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepEverything, TimeSpan.Zero);
        var recentFrom = now - keepEverything;
        var dropBefore = keepDaily is { } daily ? now - daily : DateTimeOffset.MinValue;
        var kept = new List<InventorySummary>();
        var days = new Dictionary<(string Cluster, DateOnly Day), InventorySummary>(DayKeyComparer.Instance);
        foreach (var sample in samples)
        {
            if (sample is null || sample.At < dropBefore)
            {
                continue;
            }

            if (sample.At >= recentFrom)
            {
                kept.Add(sample);
                continue;
            }

            var key = (sample.Cluster ?? string.Empty, DateOnly.FromDateTime(sample.At.UtcDateTime));
            days[key] = days.TryGetValue(key, out var day) ? Merge(day, sample) : sample;
        }

        kept.AddRange(days.Values);
        return [.. kept.OrderBy(s => s.At).ThenBy(s => s.Cluster is null).ThenBy(s => s.Cluster, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The later of two samples of one day, with the day's peak and the churn of both.</summary>
    internal static InventorySummary Merge(InventorySummary a, InventorySummary b)
    {
        var last = b.At >= a.At ? b : a;
        return last with
        {
            MaxCheckpoints = Math.Max(Math.Max(a.MaxCheckpoints, a.Checkpoints), Math.Max(b.MaxCheckpoints, b.Checkpoints)),
            Added = a.Added + b.Added,
            Removed = a.Removed + b.Removed,
        };
    }

    /// <summary>Cluster names compare ignoring case, as everywhere else in the fleet.</summary>
    private sealed class DayKeyComparer : IEqualityComparer<(string Cluster, DateOnly Day)>
    {
        public static DayKeyComparer Instance { get; } = new();

        public bool Equals((string Cluster, DateOnly Day) x, (string Cluster, DateOnly Day) y) =>
            x.Day == y.Day && string.Equals(x.Cluster, y.Cluster, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Cluster, DateOnly Day) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Cluster), obj.Day);
    }
}
