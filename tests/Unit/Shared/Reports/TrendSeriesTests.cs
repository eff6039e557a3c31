using CheckpointDashboard.Shared.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Shared.Reports;

public class TrendSeriesTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static InventorySummary Sample(DateTimeOffset at, string? cluster, int checkpoints, long bytes = 0) =>
        new(at, cluster, 10, checkpoints, bytes, 2, 1, checkpoints);

    [Fact]
    public void Fleet_SumsEachClustersLastSampleOfTheDay()
    {
        var day = new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero);
        var samples = new[]
        {
            Sample(day.AddHours(1), "PROD", 10, 100), Sample(day.AddHours(20), "PROD", 8, 80),
            Sample(day.AddHours(5), null, 3, 30),
        };

        var point = Assert.Single(TrendSeries.Fleet(samples, s_now, 7));

        Assert.Equal(new DateOnly(2026, 3, 9), point.Day);
        Assert.Equal(day.AddHours(20), point.At);
        Assert.Equal((20, 11, 110L, 13, 4, 2), (point.Vms, point.Checkpoints, point.CheckpointBytes, point.MaxCheckpoints, point.Findings, point.Critical));
    }

    [Fact]
    public void Fleet_Window_IncludesTodayAndTheDaysBefore()
    {
        var samples = Enumerable.Range(0, 100).Select(d => Sample(s_now.AddDays(-d), "PROD", d)).ToList();

        Assert.Equal(7, TrendSeries.Fleet(samples, s_now, 7).Length);
        Assert.Equal(30, TrendSeries.Fleet(samples, s_now, 30).Length);
        var ninety = TrendSeries.Fleet(samples, s_now, 90);
        Assert.Equal(90, ninety.Length);
        Assert.Equal((new DateOnly(2025, 12, 11), 89), (ninety[0].Day, ninety[0].Checkpoints));
        Assert.Equal((new DateOnly(2026, 3, 10), 0), (ninety[^1].Day, ninety[^1].Checkpoints));
        Assert.Equal([7, 30, 90], TrendSeries.StandardWindows);
    }

    [Fact]
    public void Cluster_KeepsOnlyThatCluster()
    {
        var samples = new[] { Sample(s_now, "PROD", 5), Sample(s_now, "TEST", 7), Sample(s_now, null, 9) };

        Assert.Equal(7, Assert.Single(TrendSeries.Cluster(samples, s_now, 7, "test")).Checkpoints);
        Assert.Equal(9, Assert.Single(TrendSeries.Cluster(samples, s_now, 7, null)).Checkpoints);
    }

    [Fact]
    public void Fleet_DaysWithoutSamples_AreLeftOut()
    {
        var samples = new[] { Sample(s_now.AddDays(-5), "PROD", 1), Sample(s_now.AddDays(-1), "PROD", 2) };

        Assert.Equal([1, 2], TrendSeries.Fleet(samples, s_now, 7).Select(p => p.Checkpoints));
    }
}
