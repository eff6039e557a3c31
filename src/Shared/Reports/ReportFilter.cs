using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// "The current filters" of the report page, shared by the page, the API and the exports. Every filter given must
/// match; empty filters match everything.
/// </summary>
/// <remarks>
/// Clusters, hosts and the VM name narrow what the report covers (rows, roll-ups and findings alike). Minimum
/// severity and rule ids narrow only the findings, and the finding counts derived from them; with
/// <see cref="OnlyRowsWithFindings"/> they narrow the rows too. Orphaned files belong to no VM, so a VM name
/// filter hides them.
/// </remarks>
public sealed record ReportFilter
{
    /// <summary>Cluster names (case-insensitive); <c>""</c> selects the standalone hosts.</summary>
    public ImmutableArray<string> Clusters { get; init; } = [];

    /// <summary>Host names (case-insensitive): the host that runs the VM, or that listed an orphaned file.</summary>
    public ImmutableArray<string> Hosts { get; init; } = [];

    /// <summary>A VM name wildcard (<c>DC*</c>, <c>*-SQL??</c>; case-insensitive).</summary>
    public string? VmNamePattern { get; init; }

    public FindingSeverity MinimumSeverity { get; init; } = FindingSeverity.Info;

    /// <summary>Rule ids to keep (see <see cref="ReportRuleIds"/>); empty keeps every rule.</summary>
    public ImmutableArray<string> RuleIds { get; init; } = [];

    /// <summary>Keep only the rows (checkpoints) that have at least one finding passing the filter.</summary>
    public bool OnlyRowsWithFindings { get; init; }

    public static ReportFilter None { get; } = new();

    /// <summary>The problems with this filter (an unknown rule id, an overlong pattern), or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var id in RuleIds.IsDefault ? [] : RuleIds)
        {
            if (!ReportRuleIds.IsKnown(id))
            {
                errors.Add($"{nameof(RuleIds)}: '{id}' is not a known rule; the rules are {string.Join(", ", ReportRuleIds.All)}.");
            }
        }

        if (VmNamePattern is { Length: > 256 })
        {
            errors.Add($"{nameof(VmNamePattern)}: at most 256 characters.");
        }

        if (!Enum.IsDefined(MinimumSeverity))
        {
            errors.Add($"{nameof(MinimumSeverity)}: must be Info, Warning or Critical.");
        }

        return errors;
    }
}
