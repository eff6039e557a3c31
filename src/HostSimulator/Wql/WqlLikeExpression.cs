using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// <c>Property LIKE 'pattern'</c>: a case-insensitive whole-value match where <c>%</c> is any run of
/// characters, <c>_</c> any one character, <c>[abc]</c> / <c>[a-f]</c> one character of a set or range and
/// <c>[^abc]</c> one character outside it (<c>[%]</c>, <c>[_]</c>, <c>[[]</c> match the character itself).
/// Non-text scalars match on their CIM text; NULL, arrays and embedded instances never match.
/// </summary>
public sealed record WqlLikeExpression : WqlExpression
{
    private readonly WqlLikePattern _compiled;

    /// <exception cref="ArgumentException">The pattern has an unterminated '['.</exception>
    public WqlLikeExpression(WqlPropertyPath property, string pattern)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(pattern);
        if (!WqlLikePattern.TryCompile(pattern, out var compiled, out var error))
        {
            throw new ArgumentException(error, nameof(pattern));
        }

        Property = property;
        Pattern = pattern;
        _compiled = compiled;
    }

    public WqlPropertyPath Property { get; }

    /// <summary>The pattern as the query wrote it (after string-literal unescaping).</summary>
    public string Pattern { get; }

    /// <summary>True when <paramref name="text"/> matches <see cref="Pattern"/>.</summary>
    public bool IsMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _compiled.IsMatch(text);
    }

    public override bool Evaluate(CimInstance instance) => Property.Resolve(instance) switch
    {
        null or CimInstance => false,
        string text => _compiled.IsMatch(text),
        System.Collections.IEnumerable => false,
        var scalar => CimInstance.FormatScalar(scalar) is { } text && _compiled.IsMatch(text),
    };

    public bool Equals(WqlLikeExpression? other) =>
        other is not null && Property == other.Property && string.Equals(Pattern, other.Pattern, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Property, StringComparer.Ordinal.GetHashCode(Pattern));

    public override string ToString() => $"{Property} LIKE {WqlLiteral.Quote(Pattern)}";
}
