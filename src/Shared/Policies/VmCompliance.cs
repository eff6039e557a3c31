namespace CheckpointDashboard.Shared.Policies;

/// <summary>One VM against the policy that governs it, with the reason in words.</summary>
public sealed record VmCompliance(
    Guid VmId,
    string VmName,
    string Host,
    string? Cluster,
    ComplianceStatus Status,
    Guid? PolicyId,
    string? PolicyName,
    string Reason);
