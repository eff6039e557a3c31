using System.Globalization;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>
/// Reads typed filters from a query string and remembers the first problem as a sentence that names the parameter,
/// so that a listing endpoint answers 400 with something a person can fix instead of silently ignoring a typo.
/// </summary>
internal sealed class QueryParameters(IQueryCollection query)
{
    /// <summary>The first problem found, or null while every parameter read so far was valid.</summary>
    public string? Problem { get; private set; }

    /// <summary>The last non-blank value of <paramref name="name"/>, trimmed; null when absent or blank.</summary>
    public string? Text(string name)
    {
        var values = query[name];
        for (var i = values.Count - 1; i >= 0; i--)
        {
            if (!string.IsNullOrWhiteSpace(values[i]))
            {
                return values[i]!.Trim();
            }
        }

        return null;
    }

    public Guid? Guid(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (System.Guid.TryParse(text, out var value))
        {
            return value;
        }

        Fail($"The query parameter '{name}' must be a GUID; '{text}' is not one.");
        return null;
    }

    /// <summary>An ISO 8601 date or date and time; without an offset it is taken as UTC, the dashboard's only zone on the wire.</summary>
    public DateTimeOffset? Time(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        // A '+' in a query string arrives as a space, which is the usual way an offset like +01:00 goes wrong.
        Fail($"The query parameter '{name}' must be an ISO 8601 date and time such as 2026-11-24T12:00:00Z; '{text}' is not one " +
            "(an offset's '+' must be sent as %2B).");
        return null;
    }

    public int Limit(string name, int fallback, int max)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        Fail($"The query parameter '{name}' must be a whole number from 1 to {max}; '{text}' is not.");
        return fallback;
    }

    /// <summary>
    /// Every value of <paramref name="name"/>, given repeatedly (<c>?state=Queued&amp;state=Running</c>) or as a comma list
    /// (<c>?state=Queued,Running</c>). Names only, ignoring case: a number would bind to whatever member has that value today.
    /// </summary>
    public HashSet<TEnum> Enums<TEnum>(string name)
        where TEnum : struct, Enum
    {
        var result = new HashSet<TEnum>();
        foreach (var value in query[name])
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var match = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, part, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    Fail($"The query parameter '{name}' has the unknown value '{part}'; use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
                }
                else
                {
                    result.Add(Enum.Parse<TEnum>(match));
                }
            }
        }

        return result;
    }

    public void Fail(string problem) => Problem ??= problem;
}
