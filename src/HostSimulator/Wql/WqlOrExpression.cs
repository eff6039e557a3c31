using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary><c>Left OR Right</c>.</summary>
public sealed record WqlOrExpression(WqlExpression Left, WqlExpression Right) : WqlExpression
{
    public override bool Evaluate(CimInstance instance) => Left.Evaluate(instance) || Right.Evaluate(instance);

    public override string ToString() => $"{Parenthesize(Left)} OR {Parenthesize(Right)}";
}
