using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Policies;

/// <summary>The fleet against its policies.</summary>
public sealed record ComplianceReport(
    DateTimeOffset At,
    ImmutableArray<VmCompliance> Vms,
    ComplianceCount Fleet,
    ImmutableArray<ComplianceCount> ByCluster,
    ImmutableArray<ComplianceCount> ByHost,
    ImmutableArray<ComplianceCount> ByPolicy);
