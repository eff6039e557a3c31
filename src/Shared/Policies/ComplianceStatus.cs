namespace CheckpointDashboard.Shared.Policies;

public enum ComplianceStatus
{
    Compliant,
    NonCompliant,

    /// <summary>The VM's host is not answering: its settings now are not known.</summary>
    Unknown,

    /// <summary>No enabled policy's scope includes the VM.</summary>
    NoPolicy,
}
