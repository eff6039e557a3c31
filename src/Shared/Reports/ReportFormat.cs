using System.Globalization;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>How the report writes sizes and durations in its sentences and labels (invariant culture, so exports agree).</summary>
public static class ReportFormat
{
    private static readonly string[] s_units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>"512 bytes", "1.5 GiB".</summary>
    public static string Bytes(long bytes)
    {
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        }

        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < s_units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {s_units[unit]}");
    }

    /// <summary>"1 day", "7 days", "1 year", "12 hours", "1.5 days": thresholds and bucket bounds as people say them.</summary>
    public static string Duration(TimeSpan value)
    {
        var days = value.TotalDays;
        if (days >= 365 && days % 365 == 0)
        {
            var years = days / 365;
            return string.Create(CultureInfo.InvariantCulture, $"{years:0} {(years == 1 ? "year" : "years")}");
        }

        if (days >= 1 || value == TimeSpan.Zero)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{days:0.#} {(days == 1 ? "day" : "days")}");
        }

        var hours = value.TotalHours;
        return hours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{hours:0.#} {(hours == 1 ? "hour" : "hours")}")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0.#} minutes");
    }

    /// <summary>An age in days rounded to one decimal, the precision of the report's columns.</summary>
    public static double AgeDays(TimeSpan age) => Math.Round(age.TotalDays, 1, MidpointRounding.AwayFromZero);

    /// <summary>"64%".</summary>
    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.#}%");
}
