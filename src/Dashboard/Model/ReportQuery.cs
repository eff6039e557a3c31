using System.Collections.Immutable;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// The report page's filters as they live in its URL and in the export links: the same names the API takes
/// (<c>cluster</c>, <c>host</c>, <c>vm</c>, <c>severity</c>, <c>rule</c>, <c>onlyFindings</c>), so a downloaded CSV
/// holds exactly the rows the page shows.
/// </summary>
public static class ReportQuery
{
    /// <summary>The filter from URL values; values that do not parse are dropped (a page never fails on a stale link).</summary>
    public static ReportFilter Parse(string[]? clusters, string[]? hosts, string? vm, string? severity, string[]? rules, bool onlyFindings) => new()
    {
        Clusters = Split(clusters),
        Hosts = Split(hosts),
        VmNamePattern = string.IsNullOrWhiteSpace(vm) ? null : vm.Trim(),
        MinimumSeverity = Enum.TryParse<FindingSeverity>(severity, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : FindingSeverity.Info,
        RuleIds = [.. Split(rules).Where(ReportRuleIds.IsKnown).Select(r => r.ToLowerInvariant()).Distinct()],
        OnlyRowsWithFindings = onlyFindings,
    };

    /// <summary>The URL parameters of <paramref name="filter"/>; null values drop their key.</summary>
    public static IReadOnlyDictionary<string, object?> Parameters(ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new Dictionary<string, object?>
        {
            ["cluster"] = filter.Clusters.IsDefaultOrEmpty ? null : filter.Clusters.ToArray(),
            ["host"] = filter.Hosts.IsDefaultOrEmpty ? null : filter.Hosts.ToArray(),
            ["vm"] = filter.VmNamePattern,
            ["severity"] = filter.MinimumSeverity == FindingSeverity.Info ? null : filter.MinimumSeverity.ToString(),
            ["rule"] = filter.RuleIds.IsDefaultOrEmpty ? null : filter.RuleIds.ToArray(),
            ["onlyFindings"] = filter.OnlyRowsWithFindings ? "true" : null,
        };
    }

    /// <summary>"?cluster=PROD&amp;severity=Critical" (empty for no filter), for API and export links.</summary>
    public static string QueryString(ReportFilter filter)
    {
        var parts = new List<string>();
        foreach (var (key, value) in Parameters(filter))
        {
            switch (value)
            {
                case string[] values:
                    parts.AddRange(values.Select(v => $"{key}={Uri.EscapeDataString(v)}"));
                    break;
                case string single:
                    parts.Add($"{key}={Uri.EscapeDataString(single)}");
                    break;
            }
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    /// <summary>Comma lists or repeated keys; an empty value (<c>cluster=</c>) is kept: it selects the standalone hosts.</summary>
    private static ImmutableArray<string> Split(string[]? values) =>
        [.. (values ?? [])
            .SelectMany(v => v.Length == 0 ? [string.Empty] : v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
}
