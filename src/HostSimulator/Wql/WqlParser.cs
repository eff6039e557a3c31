namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// Parses the WQL that WMI accepts for data queries: <c>SELECT * | p1, p2 FROM Class [WHERE expr]</c> and
/// <c>ASSOCIATORS OF {path} [WHERE AssocClass = A ResultClass = R Role = X ResultRole = Y ClassDefsOnly]</c>.
/// Keywords are case-insensitive.
/// </summary>
/// <remarks>
/// WHERE conditions: OR, AND, NOT (NOT binds tightest, then AND, then OR), parentheses, and predicates
/// <c>prop op constant</c> / <c>constant op prop</c> with <c>= &lt;&gt; != &lt; &gt; &lt;= &gt;=</c>,
/// <c>prop [NOT] LIKE 'pattern'</c>, <c>prop IS [NOT] NULL</c> and <c>prop ISA 'Class'</c>. A property is a
/// name or a dotted path into embedded instances; constants are strings in ' or " with backslash escapes
/// (<c>\\</c>, <c>\'</c>, <c>\"</c>), integers, reals, TRUE, FALSE and NULL. As in WMI, two properties are
/// never compared with each other and TRUE/FALSE only with equality operators.
/// </remarks>
public static class WqlParser
{
    /// <param name="text">The query text.</param>
    /// <param name="defaultNamespace">The namespace of an ASSOCIATORS OF path that does not name one.</param>
    /// <exception cref="WqlSyntaxException">The text is not valid WQL.</exception>
    /// <exception cref="HostConnector.Cim.CimException">
    /// Kind <see cref="HostConnector.Cim.CimErrorKind.NotSupported"/> for valid WQL the simulator does not
    /// implement (REFERENCES OF, qualifier and KeysOnly/SchemaOnly clauses).
    /// </exception>
    public static WqlQuery Parse(string text, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(defaultNamespace);
        return new WqlQueryParser(text, WqlLexer.Tokenize(text), defaultNamespace).ParseQuery();
    }
}
