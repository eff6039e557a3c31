using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>Everything the report sums while it walks the fleet once: rows, findings, VM summaries and roll-ups.</summary>
internal sealed class ReportAccumulator(ReportRules rules, DateTimeOffset now, int vms, int checkpoints)
{
    private const string Standalone = "Standalone hosts";

    // Findings are kept per severity so the report can list the most severe first without sorting them all.
    private readonly List<ReportFinding>[] _findings = [[], [], []];
    private readonly Dictionary<string, GroupTotals> _clusters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GroupTotals> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GroupTotals> _storage = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset Now { get; } = now;

    public GroupTotals Fleet { get; } = new("Fleet", null, null);

    public AgeHistogram Ages { get; } = new(rules.AgeBuckets);

    public List<ReportRow> Rows { get; } = new(checkpoints);

    public List<VmSummary> Vms { get; } = new(vms);

    public void AddFinding(ReportFinding finding) => _findings[(int)finding.Severity].Add(finding);

    public GroupTotals Cluster(string? cluster)
    {
        var key = cluster ?? string.Empty;
        if (!_clusters.TryGetValue(key, out var totals))
        {
            totals = new GroupTotals(cluster ?? Standalone, cluster, null);
            _clusters[key] = totals;
        }

        return totals;
    }

    public GroupTotals Host(string host, string? cluster)
    {
        if (!_hosts.TryGetValue(host, out var totals))
        {
            totals = new GroupTotals(host, cluster, host);
            _hosts[host] = totals;
        }

        return totals;
    }

    /// <summary>
    /// A storage location: a Cluster Shared Volume is one location for every node of its cluster, while a drive letter
    /// is a different disk on every standalone host.
    /// </summary>
    public GroupTotals Storage(string volume, string host, string? cluster)
    {
        var key = $"{cluster ?? host}|{volume}";
        if (!_storage.TryGetValue(key, out var totals))
        {
            totals = new GroupTotals(volume, cluster, cluster is null ? host : null);
            _storage[key] = totals;
        }

        return totals;
    }

    public ImmutableArray<ReportFinding> Findings() =>
        [.. _findings[(int)FindingSeverity.Critical], .. _findings[(int)FindingSeverity.Warning], .. _findings[(int)FindingSeverity.Info]];

    public ImmutableArray<ReportRollUp> ByCluster() =>
        [.. _clusters.Values
            .OrderBy(t => t.Cluster is null)
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => t.ToRollUp(Now))];

    public ImmutableArray<ReportRollUp> ByHost() =>
        [.. _hosts.Values.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(t => t.ToRollUp(Now))];

    public ImmutableArray<ReportRollUp> ByStorage() =>
        [.. _storage.Values
            .OrderByDescending(t => t.Bytes + t.OrphanBytes)
            .ThenBy(t => t.Cluster ?? t.Host, StringComparer.OrdinalIgnoreCase)
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => t.ToRollUp(Now))];
}
