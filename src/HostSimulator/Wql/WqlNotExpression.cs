using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary><c>NOT Operand</c> (also what <c>Prop NOT LIKE 'x'</c> parses to).</summary>
public sealed record WqlNotExpression(WqlExpression Operand) : WqlExpression
{
    public override bool Evaluate(CimInstance instance) => !Operand.Evaluate(instance);

    public override string ToString() => $"NOT {Parenthesize(Operand)}";
}
