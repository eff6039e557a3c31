using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>What a Hyper-V method returned: its return code, the job it started (4096), or a result reference.</summary>
public sealed record HyperVCall(string Method, uint ReturnValue, CimReference? Job, CimReference? Result)
{
    public bool StartedJob => ReturnValue == HyperVSchema.ReturnCode.JobStarted && Job is not null;

    public bool CompletedAtOnce => ReturnValue == HyperVSchema.ReturnCode.Completed;

    /// <summary>"CreateSnapshot failed: Invalid state (5)".</summary>
    public string Describe() => $"{Method} returned {HyperVSchema.ReturnCode.Describe(ReturnValue)} ({ReturnValue})";
}
