using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>Runs <see cref="DigestService"/> on the <c>Reports:Digest</c> schedule while <c>Digest:Enabled</c> is set.</summary>
public sealed class DigestScheduler(DigestService digest, IOptions<ReportOptions> options, TimeProvider time, ILogger<DigestScheduler> logger)
    : BackgroundService
{
    /// <summary>
    /// The first run after <paramref name="now"/>: with <paramref name="at"/>, today's (or the next) occurrence of that local
    /// time of day, stepping by <paramref name="interval"/>; without, one interval from now.
    /// </summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeSpan interval, TimeSpan? at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (at is not { } timeOfDay)
        {
            return now + interval;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var wall = local.Date + timeOfDay;
        var next = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
        while (next <= now)
        {
            next += interval;
        }

        return next;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Digest;
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                var next = NextRun(now, settings.Interval, settings.At, time.LocalTimeZone);
                logger.LogInformation("The next checkpoint digest runs at {Next:u}.", next);
                await Task.Delay(next - now, time, stoppingToken);
                try
                {
                    await digest.RunAsync("scheduler", stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The files or the disk failed this time; the next run is tried on schedule.
                    logger.LogError(ex, "The checkpoint digest failed.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
