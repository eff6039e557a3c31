using CheckpointDashboard.Shared.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public class TrendCompactorTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_twoDays = TimeSpan.FromDays(2);

    private static InventorySummary Sample(DateTimeOffset at, string? cluster, int checkpoints, int added = 0) =>
        new(at, cluster, 10, checkpoints, checkpoints * 100L, 1, 0, checkpoints, added);

    [Fact]
    public void Compact_SamplesInsideTheWindow_AreAllKept()
    {
        var samples = Enumerable.Range(0, 48).Select(h => Sample(s_now.AddHours(-h), "PROD", h)).ToList();

        var compacted = TrendCompactor.Compact(samples, s_now, s_twoDays);

        Assert.Equal(48, compacted.Length);
        Assert.Equal(samples.OrderBy(s => s.At), compacted);
    }

    [Fact]
    public void Compact_OlderDay_BecomesItsLastSampleWithTheDaysPeakAndChurn()
    {
        var day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var samples = new[]
        {
            Sample(day.AddHours(1), "PROD", 5, added: 1),
            Sample(day.AddHours(12), "PROD", 9, added: 4),
            Sample(day.AddHours(23).AddMinutes(59), "PROD", 6, added: 2),
        };

        var kept = Assert.Single(TrendCompactor.Compact(samples, s_now, s_twoDays));

        Assert.Equal(day.AddHours(23).AddMinutes(59), kept.At);
        Assert.Equal((6, 9, 7), (kept.Checkpoints, kept.MaxCheckpoints, kept.Added));
    }

    [Fact]
    public void Compact_DaysAreUtcDays()
    {
        // 23:30 and 00:30 UTC the next day, written in a +02:00 offset: two UTC days, one local day.
        var samples = new[]
        {
            Sample(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.FromHours(2)), "PROD", 1),
            Sample(new DateTimeOffset(2026, 3, 2, 2, 30, 0, TimeSpan.FromHours(2)), "PROD", 2),
        };

        Assert.Equal(2, TrendCompactor.Compact(samples, s_now, s_twoDays).Length);
    }

    [Fact]
    public void Compact_Clusters_AreCompactedSeparatelyAndStandaloneIsItsOwn()
    {
        var day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var samples = new[]
        {
            Sample(day.AddHours(1), "PROD", 1), Sample(day.AddHours(2), "prod", 2),
            Sample(day.AddHours(1), "TEST", 3), Sample(day.AddHours(2), "TEST", 4),
            Sample(day.AddHours(1), null, 5), Sample(day.AddHours(3), null, 6),
        };

        var compacted = TrendCompactor.Compact(samples, s_now, s_twoDays);

        Assert.Equal([("prod", 2), ("TEST", 4), (null, 6)], compacted.Select(s => (s.Cluster, s.Checkpoints)));
    }

    [Fact]
    public void Compact_SampleJustOutsideTheWindow_IsCompacted()
    {
        var edge = s_now - s_twoDays;
        var samples = new[] { Sample(edge, "PROD", 1), Sample(edge.AddTicks(-1), "PROD", 2), Sample(edge.AddHours(-1), "PROD", 3) };

        var compacted = TrendCompactor.Compact(samples, s_now, s_twoDays);

        Assert.Equal([(edge.AddTicks(-1), 2, 3), (edge, 1, 1)], compacted.Select(s => (s.At, s.Checkpoints, s.MaxCheckpoints)));
    }

    [Fact]
    public void Compact_SamplesOlderThanDailyRetention_AreDropped()
    {
        var samples = new[] { Sample(s_now.AddDays(-400), "PROD", 1), Sample(s_now.AddDays(-300), "PROD", 2) };

        var compacted = TrendCompactor.Compact(samples, s_now, s_twoDays, keepDaily: TimeSpan.FromDays(365));

        Assert.Equal(2, Assert.Single(compacted).Checkpoints);
    }

    [Fact]
    public void Compact_Twice_ChangesNothingMore()
    {
        var samples = Enumerable.Range(0, 24 * 10).Select(h => Sample(s_now.AddHours(-h), h % 2 == 0 ? "PROD" : null, h % 17, added: 1)).ToList();

        var once = TrendCompactor.Compact(samples, s_now, s_twoDays);
        var twice = TrendCompactor.Compact(once, s_now, s_twoDays);

        Assert.Equal(once, twice);
        Assert.Equal(samples.Sum(s => s.Added), once.Sum(s => s.Added));
        Assert.True(once.Length < samples.Count);
    }
}
