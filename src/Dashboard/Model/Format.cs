using System.Globalization;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>Display formatting shared by pages: sizes, ages, times.</summary>
public static class Format
{
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }

    /// <summary>"3 min", "5 h", "12 d", "1.4 y".</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} min"),
            < 60 * 48 => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h"),
            < 60 * 24 * 365 => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} d"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays / 365.25:0.#} y"),
        };
    }

    public static string Age(DateTimeOffset? since, DateTimeOffset now) => since is { } s ? Age(now - s) : "—";

    /// <summary>"just now", "5 min ago", or <paramref name="never"/> when there is no time.</summary>
    public static string Ago(DateTimeOffset? since, DateTimeOffset now, string never = "never")
    {
        if (since is not { } s)
        {
            return never;
        }

        var age = Age(now - s);
        return age == "just now" ? age : age + " ago";
    }

    /// <summary>UTC time for tables: "2026-11-24 18:05 UTC".</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Milliseconds(TimeSpan? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.TotalMilliseconds:0} ms") : "—";
}
