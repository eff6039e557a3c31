using System.Collections;
using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>WMI's comparison of a property value with a WQL constant. Never throws; undecidable is false.</summary>
internal static class WqlValueComparer
{
    public static bool Compare(object? actual, WqlComparisonOperator op, object? constant)
    {
        if (actual is null || constant is null || actual is CimInstance || (actual is IEnumerable && actual is not string))
        {
            return false;
        }

        return constant switch
        {
            string text => CompareWithString(actual, op, text),
            bool flag => CompareWithBoolean(actual, op, flag),
            _ => TryGetNumber(constant, out var number) && TryGetNumber(actual, out var value) && Order(value.CompareTo(number), op),
        };
    }

    private static bool CompareWithString(object actual, WqlComparisonOperator op, string constant)
    {
        switch (actual)
        {
            case string text:
                return Order(string.Compare(text, constant, StringComparison.OrdinalIgnoreCase), op);
            case bool flag:
                return TryParseBoolean(constant, out var parsed) && Equality(flag == parsed, op);
            case DateTimeOffset date:
                return CimDateTime.TryParse(constant, out var other) && Order(date.ToUniversalTime().CompareTo(other), op);
            case DateTime date:
                return TryToUtc(date, out var utc) && CimDateTime.TryParse(constant, out var otherDate) && Order(utc.CompareTo(otherDate), op);
            case TimeSpan interval:
                return CimDateTime.TryParseInterval(constant, out var otherInterval) && Order(interval.CompareTo(otherInterval), op);
            case CimReference reference:
                return CimReference.TryParseWmiPath(constant, reference.Namespace, out var path) && path is not null &&
                    Equality(SamePath(reference, path), op);
            case char c:
                return Order(string.Compare(c.ToString(), constant, StringComparison.OrdinalIgnoreCase), op);
            default:
                if (TryGetNumber(actual, out var value))
                {
                    return TryParseNumber(constant, out var number) && Order(value.CompareTo(number), op);
                }

                return CimInstance.FormatScalar(actual) is { } formatted &&
                    Order(string.Compare(formatted, constant, StringComparison.OrdinalIgnoreCase), op);
        }
    }

    private static bool CompareWithBoolean(object actual, WqlComparisonOperator op, bool constant)
    {
        switch (actual)
        {
            case bool flag:
                return Equality(flag == constant, op);
            case string text:
                return TryParseBoolean(text, out var parsed) && Equality(parsed == constant, op);
            default:
                // WMI: TRUE is the number 1, FALSE the number 0.
                return TryGetNumber(actual, out var value) &&
                    Equality(value.CompareTo(WqlNumber.FromInteger(constant ? 1 : 0)) == 0, op);
        }
    }

    private static bool Equality(bool equal, WqlComparisonOperator op) => op switch
    {
        WqlComparisonOperator.Equal => equal,
        WqlComparisonOperator.NotEqual => !equal,
        _ => false,
    };

    private static bool Order(int c, WqlComparisonOperator op) => op switch
    {
        WqlComparisonOperator.Equal => c == 0,
        WqlComparisonOperator.NotEqual => c != 0,
        WqlComparisonOperator.LessThan => c < 0,
        WqlComparisonOperator.LessThanOrEqual => c <= 0,
        WqlComparisonOperator.GreaterThan => c > 0,
        WqlComparisonOperator.GreaterThanOrEqual => c >= 0,
        _ => false,
    };

    /// <summary>A DateTime as UTC, Unspecified counting as UTC (as <see cref="CimInstance.GetDateTime"/> does).</summary>
    private static bool TryToUtc(DateTime date, out DateTimeOffset utc)
    {
        try
        {
            utc = new DateTimeOffset(DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : date.Kind)).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A local time whose UTC equivalent falls outside DateTimeOffset's range.
            utc = default;
            return false;
        }
    }

    private static bool TryParseBoolean(string text, out bool value)
    {
        var trimmed = text.Trim();
        if (bool.TryParse(trimmed, out value))
        {
            return true;
        }

        if (string.Equals(trimmed, "1", StringComparison.Ordinal) || string.Equals(trimmed, "0", StringComparison.Ordinal))
        {
            value = trimmed[0] == '1';
            return true;
        }

        return false;
    }

    /// <summary>Object paths compare by class, namespace and key values, all case-insensitively (as WMI does).</summary>
    private static bool SamePath(CimReference a, CimReference b)
    {
        if (!string.Equals(a.ClassName, b.ClassName, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(a.Namespace, b.Namespace, StringComparison.OrdinalIgnoreCase) ||
            a.Selectors.Length != b.Selectors.Length)
        {
            return false;
        }

        foreach (var (key, value) in a.Selectors)
        {
            if (b[key] is not { } other || !string.Equals(value, other, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryGetNumber(object value, out WqlNumber number)
    {
        switch (value)
        {
            case byte v:
                number = WqlNumber.FromInteger(v);
                return true;
            case sbyte v:
                number = WqlNumber.FromInteger(v);
                return true;
            case short v:
                number = WqlNumber.FromInteger(v);
                return true;
            case ushort v:
                number = WqlNumber.FromInteger(v);
                return true;
            case int v:
                number = WqlNumber.FromInteger(v);
                return true;
            case uint v:
                number = WqlNumber.FromInteger(v);
                return true;
            case long v:
                number = WqlNumber.FromInteger(v);
                return true;
            case ulong v:
                number = WqlNumber.FromInteger(v);
                return true;
            case bool v:
                number = WqlNumber.FromInteger(v ? 1 : 0);
                return true;
            case float v when float.IsFinite(v):
                number = WqlNumber.FromReal(v);
                return true;
            case double v when double.IsFinite(v):
                number = WqlNumber.FromReal(v);
                return true;
            case decimal v:
                number = decimal.Truncate(v) == v ? WqlNumber.FromInteger((Int128)v) : WqlNumber.FromReal((double)v);
                return true;
            case string text:
                return TryParseNumber(text, out number);
            default:
                number = default;
                return false;
        }
    }

    private static bool TryParseNumber(string text, out WqlNumber number)
    {
        var trimmed = text.Trim();
        if (Int128.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            number = WqlNumber.FromInteger(integer);
            return true;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            number = WqlNumber.FromReal(real);
            return true;
        }

        number = default;
        return false;
    }

    /// <summary>An integer (exact, up to uint64 and down to int64) or a real.</summary>
    private readonly record struct WqlNumber(Int128 Integer, double Real, bool IsReal)
    {
        public static WqlNumber FromInteger(Int128 value) => new(value, 0, false);

        public static WqlNumber FromReal(double value) => new(0, value, true);

        public int CompareTo(WqlNumber other) =>
            IsReal || other.IsReal ? AsDouble.CompareTo(other.AsDouble) : Integer.CompareTo(other.Integer);

        private double AsDouble => IsReal ? Real : (double)Integer;
    }
}
