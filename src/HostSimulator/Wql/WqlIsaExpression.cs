using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// <c>Property ISA 'Class'</c>: true when the property holds an embedded instance of that class
/// (<c>__this ISA 'X'</c> tests the instance itself, <c>__CLASS ISA 'X'</c> its class name). Class names
/// compare case-insensitively; the simulator has no class hierarchy, so a subclass does not match.
/// </summary>
public sealed record WqlIsaExpression(WqlPropertyPath Property, string ClassName) : WqlExpression
{
    public override bool Evaluate(CimInstance instance) => Property.Resolve(instance) switch
    {
        CimInstance embedded => string.Equals(embedded.ClassName, ClassName, StringComparison.OrdinalIgnoreCase),
        string className => string.Equals(className, ClassName, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    public override string ToString() => $"{Property} ISA {WqlLiteral.Quote(ClassName)}";
}
