namespace CheckpointDashboard.Shared.Policies;

/// <summary>Compliance counts of one group (the fleet, a cluster, a host or a policy).</summary>
public sealed record ComplianceCount(string Name, int Compliant, int NonCompliant, int Unknown, int NoPolicy)
{
    public int Governed => Compliant + NonCompliant + Unknown;
}
