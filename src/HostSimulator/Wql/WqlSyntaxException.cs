using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// WQL text the parser rejected, as WMI rejects it with WBEM_E_INVALID_QUERY (0x80041017). The message
/// names the 1-based character position, what was expected there and the query.
/// </summary>
public sealed class WqlSyntaxException : CimException
{
    /// <summary>WBEM_E_INVALID_QUERY.</summary>
    public const uint InvalidQueryCode = 0x80041017;

    private const int MaxQuoted = 300;

    public WqlSyntaxException(string query, int position, string problem)
        : base(CimErrorKind.InvalidQuery, Format(query, position, problem))
    {
        Query = query;
        Position = position;
        Problem = problem;
        WmiErrorCode = InvalidQueryCode;
    }

    /// <summary>The query text as received.</summary>
    public string Query { get; }

    /// <summary>1-based character position of the problem (the query's length + 1 for its end).</summary>
    public int Position { get; }

    /// <summary>What was wrong, without position and query.</summary>
    public string Problem { get; }

    private static string Format(string? query, int position, string? problem)
    {
        var text = query ?? string.Empty;
        if (text.Length > MaxQuoted)
        {
            text = string.Concat(text.AsSpan(0, MaxQuoted), "…");
        }

        return string.Create(CultureInfo.InvariantCulture, $"WQL syntax error at position {position}: {problem} in \"{text}\"");
    }
}
