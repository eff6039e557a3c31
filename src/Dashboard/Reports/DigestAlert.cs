using System.Globalization;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>
/// The problems-only summary a webhook receives: counts by severity and by rule, and the most severe findings, in at most
/// <see cref="MaxLines"/> lines so that it reads in a chat window.
/// </summary>
/// <param name="Total">Findings at or above <paramref name="MinimumSeverity"/>.</param>
/// <param name="BySeverity">Counts by severity name, most severe first, zeros left out.</param>
/// <param name="ByRule">Counts by rule id, in the report's rule order, zeros left out.</param>
/// <param name="Top">The first findings in the report's order (most severe first).</param>
public sealed record DigestAlert(
    string Title,
    string Summary,
    FindingSeverity MinimumSeverity,
    int Total,
    IReadOnlyList<KeyValuePair<string, int>> BySeverity,
    IReadOnlyList<KeyValuePair<string, int>> ByRule,
    IReadOnlyList<ReportFinding> Top)
{
    /// <summary>The most lines a message has: title, summary, one per rule, then findings.</summary>
    public const int MaxLines = 20;

    public static DigestAlert From(CheckpointReport report, FindingSeverity minimum)
    {
        ArgumentNullException.ThrowIfNull(report);
        var kept = report.Findings.Where(f => f.Severity >= minimum).ToList();
        var bySeverity = Enum.GetValues<FindingSeverity>().Reverse()
            .Select(s => KeyValuePair.Create(s.ToString(), kept.Count(f => f.Severity == s))).Where(p => p.Value > 0).ToList();
        var byRule = ReportRuleIds.All
            .Select(id => KeyValuePair.Create(id, kept.Count(f => string.Equals(f.RuleId, id, StringComparison.OrdinalIgnoreCase))))
            .Where(p => p.Value > 0).ToList();
        var top = kept.Take(Math.Max(0, MaxLines - 2 - byRule.Count)).ToList();
        var day = report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var counts = bySeverity.Count == 0 ? "no findings" : string.Join(", ", bySeverity.Select(p => $"{p.Value} {p.Key.ToLowerInvariant()}"));
        var title = $"Checkpoint digest {day}: {counts}";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{kept.Count} findings at {minimum} or above; the fleet has {report.Fleet.Checkpoints} checkpoints on {report.Fleet.VmsWithCheckpoints} of {report.Fleet.Vms} VMs holding {ReportFormat.Bytes(report.Fleet.Bytes)}.");
        return new DigestAlert(title, summary, minimum, kept.Count, bySeverity, byRule, top);
    }

    /// <summary>One finding as a line: "Critical age: DC01 on HV01 (PROD): message".</summary>
    public static string Line(ReportFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var where = finding.Cluster is null ? finding.Host : $"{finding.Host} ({finding.Cluster})";
        var what = finding.VmName ?? finding.FilePath ?? "file";
        return $"{finding.Severity} {finding.RuleId}: {what} on {where}: {finding.Message}";
    }
}
