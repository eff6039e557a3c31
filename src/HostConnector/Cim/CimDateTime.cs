using System.Globalization;
using System.Xml;

namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>
/// CIM date-time and interval values in the forms hosts send them: DMTF strings
/// (<c>yyyymmddHHMMSS.mmmmmmsUUU</c> and intervals <c>ddddddddHHMMSS.mmmmmm:000</c>, as WMI and embedded
/// CIM-XML use) and XML Schema forms (<c>xs:dateTime</c>, <c>xs:duration</c>, as WS-Management's
/// <c>cim:Datetime</c> and <c>cim:Interval</c> carry them).
/// </summary>
public static class CimDateTime
{
    /// <summary>Parses a date-time in DMTF or ISO 8601 form, normalised to UTC; false when it is neither.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Length == 25 && text[14] == '.' && (text[21] == '+' || text[21] == '-'))
        {
            return TryParseDmtf(text, out value);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>Formats as a DMTF date-time in UTC (offset +000).</summary>
    public static string FormatDmtf(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var micro = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
        return string.Create(CultureInfo.InvariantCulture, $"{utc:yyyyMMddHHmmss}.{micro:000000}+000");
    }

    /// <summary>Formats as an ISO 8601 UTC date-time, the form WS-Management's <c>cim:Datetime</c> carries.</summary>
    public static string FormatIso(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an interval in DMTF (<c>ddddddddHHMMSS.mmmmmm:000</c>) or <c>xs:duration</c> form.</summary>
    public static bool TryParseInterval(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Length == 25 && text[14] == '.' && text[21] == ':')
        {
            if (int.TryParse(text.AsSpan(0, 8), NumberStyles.None, CultureInfo.InvariantCulture, out var days) &&
                int.TryParse(text.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours) &&
                int.TryParse(text.AsSpan(10, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) &&
                int.TryParse(text.AsSpan(12, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) &&
                int.TryParse(text.AsSpan(15, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var micro) &&
                hours < 24 && minutes < 60 && seconds < 60)
            {
                // Eight digits of days reach past TimeSpan.MaxValue (about 10.7 million days). A value that
                // large cannot be represented, so it fails to parse like any other bad text instead of throwing.
                try
                {
                    value = new TimeSpan(days, hours, minutes, seconds) + TimeSpan.FromTicks(micro * 10L);
                    return true;
                }
                catch (ArgumentOutOfRangeException)
                {
                    return false;
                }
                catch (OverflowException)
                {
                    return false;
                }
            }

            return false;
        }

        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                value = XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Formats as a DMTF interval.</summary>
    public static string FormatDmtfInterval(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            value = TimeSpan.Zero;
        }

        var micro = (value.Ticks % TimeSpan.TicksPerSecond) / 10;
        return string.Create(CultureInfo.InvariantCulture,
            $"{value.Days:00000000}{value.Hours:00}{value.Minutes:00}{value.Seconds:00}.{micro:000000}:000");
    }

    /// <summary>Formats as an <c>xs:duration</c>.</summary>
    public static string FormatDuration(TimeSpan value) => XmlConvert.ToString(value);

    private static bool TryParseDmtf(string text, out DateTimeOffset value)
    {
        value = default;
        var span = text.AsSpan();
        if (!int.TryParse(span[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(span[4..6], NumberStyles.None, CultureInfo.InvariantCulture, out var month) ||
            !int.TryParse(span[6..8], NumberStyles.None, CultureInfo.InvariantCulture, out var day) ||
            !int.TryParse(span[8..10], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) ||
            !int.TryParse(span[10..12], NumberStyles.None, CultureInfo.InvariantCulture, out var minute) ||
            !int.TryParse(span[12..14], NumberStyles.None, CultureInfo.InvariantCulture, out var second) ||
            !int.TryParse(span[15..21], NumberStyles.None, CultureInfo.InvariantCulture, out var micro) ||
            !int.TryParse(span[22..25], NumberStyles.None, CultureInfo.InvariantCulture, out var offsetMinutes))
        {
            return false;
        }

        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59 || offsetMinutes > 14 * 60)
        {
            return false;
        }

        var offset = TimeSpan.FromMinutes(span[21] == '-' ? -offsetMinutes : offsetMinutes);
        value = new DateTimeOffset(year, month, day, hour, minute, second, offset)
            .AddTicks(micro * 10L)
            .ToUniversalTime();
        return true;
    }
}
