using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary><c>Left AND Right</c>.</summary>
public sealed record WqlAndExpression(WqlExpression Left, WqlExpression Right) : WqlExpression
{
    public override bool Evaluate(CimInstance instance) => Left.Evaluate(instance) && Right.Evaluate(instance);

    public override string ToString() => $"{Parenthesize(Left)} AND {Parenthesize(Right)}";
}
