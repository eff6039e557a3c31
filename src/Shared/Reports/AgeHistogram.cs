using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>Counts checkpoints into the age buckets of <see cref="ReportRules.AgeBuckets"/> while the report is built.</summary>
internal sealed class AgeHistogram
{
    private readonly TimeSpan[] _bounds;
    private readonly int[] _counts;
    private readonly long[] _bytes;

    public AgeHistogram(ImmutableArray<TimeSpan> bounds)
    {
        _bounds = bounds.IsDefault ? [] : [.. bounds];
        _counts = new int[_bounds.Length + 1];
        _bytes = new long[_bounds.Length + 1];
    }

    /// <summary>Adds a checkpoint of age <paramref name="age"/>; an age exactly on a boundary belongs to the older bucket.</summary>
    public void Add(TimeSpan age, long bytes)
    {
        var bucket = 0;
        while (bucket < _bounds.Length && age >= _bounds[bucket])
        {
            bucket++;
        }

        _counts[bucket]++;
        _bytes[bucket] += bytes;
    }

    public ImmutableArray<AgeBucket> ToBuckets()
    {
        var result = ImmutableArray.CreateBuilder<AgeBucket>(_counts.Length);
        for (var i = 0; i < _counts.Length; i++)
        {
            var from = i == 0 ? TimeSpan.Zero : _bounds[i - 1];
            TimeSpan? to = i < _bounds.Length ? _bounds[i] : null;
            result.Add(new AgeBucket(Label(from, to), from, to, _counts[i], _bytes[i]));
        }

        return result.MoveToImmutable();
    }

    /// <summary>"under 1 day", "1-7 days", "90 days-1 year", "over 1 year".</summary>
    public static string Label(TimeSpan from, TimeSpan? to)
    {
        if (to is not { } upper)
        {
            return $"over {ReportFormat.Duration(from)}";
        }

        if (from == TimeSpan.Zero)
        {
            return $"under {ReportFormat.Duration(upper)}";
        }

        var lower = ReportFormat.Duration(from);
        var higher = ReportFormat.Duration(upper);
        var lowerUnit = lower[(lower.IndexOf(' ', StringComparison.Ordinal) + 1)..].TrimEnd('s');
        var higherUnit = higher[(higher.IndexOf(' ', StringComparison.Ordinal) + 1)..].TrimEnd('s');

        // "1-7 days" reads better than "1 day-7 days"; the unit is written once when both ends share it.
        return lowerUnit == higherUnit ? $"{lower[..lower.IndexOf(' ', StringComparison.Ordinal)]}-{higher}" : $"{lower}-{higher}";
    }
}
