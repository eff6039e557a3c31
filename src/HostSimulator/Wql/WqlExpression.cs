using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// A WQL WHERE condition. <see cref="Evaluate"/> mirrors WMI: names compare case-insensitively, text
/// compares case-insensitively, a missing property is NULL, and odd data never throws; it just does not match.
/// </summary>
/// <remarks>
/// Logic is two-valued: a comparison that cannot be decided (NULL, wrong type, unparseable text) is false,
/// so <c>NOT (Prop = 'x')</c> is true for an instance without <c>Prop</c>, while <c>Prop &lt;&gt; 'x'</c> is false.
/// </remarks>
public abstract record WqlExpression
{
    /// <summary>True when <paramref name="instance"/> satisfies the condition.</summary>
    public abstract bool Evaluate(CimInstance instance);

    /// <summary>Renders a child of AND, OR or NOT, in parentheses when it is itself AND or OR.</summary>
    private protected static string Parenthesize(WqlExpression expression) =>
        expression is WqlAndExpression or WqlOrExpression ? $"({expression})" : expression.ToString();
}
