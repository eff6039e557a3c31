namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>What a simulated method call returned: its return value, the job it started, and any result reference.</summary>
public sealed record MethodOutcome(uint ReturnValue, SimulatedJob? Job = null)
{
    public static MethodOutcome Code(uint returnValue) => new(returnValue);
}
