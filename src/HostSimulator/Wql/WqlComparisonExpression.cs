using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// <c>Property op Constant</c>. A constant written on the left (<c>'x' = Prop</c>, <c>5 &lt; Prop</c>) is
/// parsed into this form with the operator mirrored.
/// </summary>
/// <remarks>
/// The constant decides how the property is read: a number compares numerically (text is parsed with the
/// invariant culture), TRUE/FALSE as a boolean (text "true"/"false"/"1"/"0", numbers 1/0), and a string
/// case-insensitively as text, or as a date-time, interval, number, boolean or object path when the property
/// holds one of those. NULL constants, NULL or missing properties, arrays, embedded instances and values that
/// cannot be read as the constant's type compare false under every operator.
/// </remarks>
public sealed record WqlComparisonExpression(WqlPropertyPath Property, WqlComparisonOperator Operator, WqlLiteral Value)
    : WqlExpression
{
    public override bool Evaluate(CimInstance instance) =>
        WqlValueComparer.Compare(Property.Resolve(instance), Operator, Value.Value);

    public override string ToString() => $"{Property} {Symbol(Operator)} {Value}";

    /// <summary>The operator as WQL writes it.</summary>
    public static string Symbol(WqlComparisonOperator op) => op switch
    {
        WqlComparisonOperator.Equal => "=",
        WqlComparisonOperator.NotEqual => "<>",
        WqlComparisonOperator.LessThan => "<",
        WqlComparisonOperator.LessThanOrEqual => "<=",
        WqlComparisonOperator.GreaterThan => ">",
        WqlComparisonOperator.GreaterThanOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
