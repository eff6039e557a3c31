using System.Globalization;
using CheckpointDashboard.Shared.Audit;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// The audit page's filters, as the page URL carries them, turned into the store's query and into the CSV export link
/// (which takes the same query names: user, action, outcome, search, since, until, limit).
/// </summary>
public sealed record AuditFilter
{
    public const int DefaultLimit = 1000;

    public const string CsvPath = "/api/v1/audit.csv";

    public string? User { get; init; }

    public string? Action { get; init; }

    public string? Outcome { get; init; }

    /// <summary>Matches VM name, host or target.</summary>
    public string? Search { get; init; }

    /// <summary>First day shown (UTC), from its start.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day shown (UTC), to its end.</summary>
    public DateOnly? To { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public DateTimeOffset? Since => From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>The last instant of <see cref="To"/>, so the day is included whether the store compares with &lt; or &lt;=.</summary>
    public DateTimeOffset? Until => To is { } to
        ? new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1).AddTicks(-1)
        : null;

    public AuditQuery ToQuery() => new()
    {
        User = Clean(User),
        Action = Clean(Action),
        Outcome = Clean(Outcome),
        Search = Clean(Search),
        Since = Since,
        Until = Until,
        Limit = Limit,
    };

    /// <summary>The CSV download link with the same filters; empty filters are left out.</summary>
    public string CsvHref()
    {
        var parts = new List<string>();
        Add(parts, "user", Clean(User));
        Add(parts, "action", Clean(Action));
        Add(parts, "outcome", Clean(Outcome));
        Add(parts, "search", Clean(Search));
        Add(parts, "since", Since is { } since ? FormatInstant(since) : null);
        Add(parts, "until", Until is { } until ? FormatInstant(until) : null);
        Add(parts, "limit", Limit == DefaultLimit ? null : Limit.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? CsvPath : $"{CsvPath}?{string.Join('&', parts)}";
    }

    /// <summary>An instant as the API reads it: ISO 8601 in UTC with a Z.</summary>
    public static string FormatInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A day from the page URL ("2026-11-24"); null when absent or not a date.</summary>
    public static DateOnly? ParseDay(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static string FormatDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
