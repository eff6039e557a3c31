using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// VMs a rule (or every rule) does not apply to: by name wildcard (<c>LAB-*</c>, <c>?EST*</c>; case-insensitive),
/// by cluster (<c>""</c> names the standalone hosts) and by host. Anything matching any list is excluded.
/// </summary>
/// <remarks>
/// Excluded VMs stay in the report's rows and roll-ups (their bytes are real); only the findings are suppressed.
/// Orphaned files belong to no VM, so only the cluster and host lists apply to them.
/// </remarks>
public sealed record ReportExclusion
{
    public ImmutableArray<string> VmNamePatterns { get; init; } = [];

    public ImmutableArray<string> Clusters { get; init; } = [];

    public ImmutableArray<string> Hosts { get; init; } = [];

    public static ReportExclusion None { get; } = new();

    /// <summary>True when the exclusion excludes nothing.</summary>
    public bool IsEmpty => Length(VmNamePatterns) == 0 && Length(Clusters) == 0 && Length(Hosts) == 0;

    private static int Length(ImmutableArray<string> values) => values.IsDefault ? 0 : values.Length;
}
