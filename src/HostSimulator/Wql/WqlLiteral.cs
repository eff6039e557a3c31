using System.Globalization;
using System.Text;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// A WQL constant: <see cref="Value"/> is null (NULL), a <see cref="string"/>, a <see cref="bool"/>
/// (TRUE/FALSE), a <see cref="long"/> or <see cref="ulong"/> (integers), or a <see cref="double"/> (reals).
/// </summary>
public sealed record WqlLiteral
{
    /// <param name="value">
    /// Null, a string, a bool, an integer (stored as <see cref="long"/>, or <see cref="ulong"/> above
    /// <see cref="long.MaxValue"/>) or a float/double (stored as <see cref="double"/>).
    /// </param>
    public WqlLiteral(object? value)
    {
        Value = value switch
        {
            null or string or bool or long or double => value,
            ulong u => u <= long.MaxValue ? (long)u : u,
            int i => (long)i,
            uint i => (long)i,
            short s => (long)s,
            ushort s => (long)s,
            byte b => (long)b,
            sbyte b => (long)b,
            float f => (double)f,
            _ => throw new ArgumentException(
                $"A WQL constant is null, a string, a bool or a number, not {value.GetType().Name}.", nameof(value)),
        };
    }

    public object? Value { get; }

    public static WqlLiteral Null { get; } = new((object?)null);

    /// <summary>A string constant as WQL writes it: single-quoted, with backslash, quote and double quote escaped.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c is '\\' or '\'' or '"')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('\'').ToString();
    }

    public override string ToString() => Value switch
    {
        null => "NULL",
        string s => Quote(s),
        bool b => b ? "TRUE" : "FALSE",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? string.Empty,
    };
}
