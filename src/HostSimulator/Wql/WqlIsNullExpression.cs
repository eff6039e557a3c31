using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// <c>Property IS NULL</c>, or <c>Property IS NOT NULL</c> when <paramref name="Negated"/>. A missing property
/// is NULL; an array, even an empty one, is not.
/// </summary>
public sealed record WqlIsNullExpression(WqlPropertyPath Property, bool Negated) : WqlExpression
{
    public override bool Evaluate(CimInstance instance) => (Property.Resolve(instance) is null) != Negated;

    public override string ToString() => Negated ? $"{Property} IS NOT NULL" : $"{Property} IS NULL";
}
