using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>
/// The report's filter from a query string: <c>cluster</c> and <c>host</c> (repeated or comma lists; an empty
/// <c>cluster=</c> selects the standalone hosts), <c>vm</c> (a wildcard), <c>severity</c> (the minimum), <c>rule</c>
/// (repeated or a comma list), <c>onlyFindings</c> and <c>rows</c>. An unknown parameter is refused rather than ignored:
/// <c>clusters=PROD</c> silently widening the report to the whole fleet is worse than a 400.
/// </summary>
internal sealed record ReportApiQuery(ReportFilter Filter, bool Rows)
{
    private static readonly string[] s_known = ["cluster", "host", "vm", "severity", "rule", "onlyFindings", "rows"];

    /// <summary>The filter, or the first problem as a sentence naming the parameter.</summary>
    public static (ReportApiQuery? Query, string? Problem) Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Keys.FirstOrDefault(k => !s_known.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return (null, $"The query parameter '{unknown}' is not known; use {string.Join(", ", s_known)}.");
        }

        var parameters = new QueryParameters(query);
        var severities = parameters.Enums<FindingSeverity>("severity");
        if (severities.Count > 1)
        {
            parameters.Fail("The query parameter 'severity' takes one value, the minimum severity (Info, Warning or Critical).");
        }

        var rules = List(query, "rule", keepEmpty: false);
        if (rules.FirstOrDefault(r => !ReportRuleIds.IsKnown(r)) is { } badRule)
        {
            parameters.Fail($"The query parameter 'rule' has the unknown value '{badRule}'; use one of {string.Join(", ", ReportRuleIds.All)}.");
        }

        var vm = parameters.Text("vm");
        if (vm is { Length: > 256 })
        {
            parameters.Fail("The query parameter 'vm' can have at most 256 characters.");
        }

        var onlyFindings = Flag(parameters, "onlyFindings", fallback: false);
        var rows = Flag(parameters, "rows", fallback: true);
        if (parameters.Problem is { } problem)
        {
            return (null, problem);
        }

        var filter = new ReportFilter
        {
            Clusters = [.. List(query, "cluster", keepEmpty: true)],
            Hosts = [.. List(query, "host", keepEmpty: false)],
            VmNamePattern = vm,
            MinimumSeverity = severities.Count == 1 ? severities.First() : FindingSeverity.Info,
            RuleIds = [.. rules],
            OnlyRowsWithFindings = onlyFindings,
        };
        return (new ReportApiQuery(filter, rows), null);
    }

    private static List<string> List(IQueryCollection query, string name, bool keepEmpty)
    {
        var result = new List<string>();
        foreach (var value in query[name])
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                // "cluster=" names the standalone hosts, as "" does in a filter.
                if (keepEmpty)
                {
                    result.Add(string.Empty);
                }

                continue;
            }

            result.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return result;
    }

    private static bool Flag(QueryParameters parameters, string name, bool fallback)
    {
        var text = parameters.Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        parameters.Fail($"The query parameter '{name}' must be true or false; '{text}' is not.");
        return fallback;
    }
}
