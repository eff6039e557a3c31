using System.Collections.Immutable;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// The report rules as the rules dialog edits them: thresholds in the units people think in (days, GiB, percent),
/// lists as comma-separated text, and one on/off + severity per rule. <see cref="ToRules"/> builds the record that is
/// validated and saved; everything the dialog does not show (age buckets, grace, per-rule exclusions) is kept as it was.
/// </summary>
public sealed class RulesForm
{
    private const double GiB = 1024d * 1024 * 1024;
    private readonly ReportRules _original;

    public RulesForm(ReportRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _original = rules;
        AgeWarningDays = rules.AgeWarning.TotalDays;
        AgeCriticalDays = rules.AgeCritical?.TotalDays;
        MaxCheckpoints = rules.MaxCheckpointsPerVm;
        MaxDepth = rules.MaxChainDepth;
        MaxGiB = rules.MaxCheckpointBytesPerVm / GiB;
        MaxSharePercent = rules.MaxCheckpointShare * 100;
        BackupLeftoverDays = rules.BackupLeftoverAge.TotalDays;
        AutomaticDays = rules.AutomaticAge.TotalDays;
        CriticalVmPatterns = Join(rules.CriticalVmPatterns);
        ExcludeVms = Join(rules.Exclude.VmNamePatterns);
        ExcludeClusters = Join(rules.Exclude.Clusters);
        ExcludeHosts = Join(rules.Exclude.Hosts);
        Settings = ReportRuleIds.All.ToDictionary(id => id, id => new RuleChoice(rules.Setting(id).Enabled, rules.Setting(id).Severity));
    }

    public double AgeWarningDays { get; set; }

    public double? AgeCriticalDays { get; set; }

    public int MaxCheckpoints { get; set; }

    public int MaxDepth { get; set; }

    public double MaxGiB { get; set; }

    public double MaxSharePercent { get; set; }

    public double BackupLeftoverDays { get; set; }

    public double AutomaticDays { get; set; }

    public string CriticalVmPatterns { get; set; }

    public string ExcludeVms { get; set; }

    public string ExcludeClusters { get; set; }

    public string ExcludeHosts { get; set; }

    /// <summary>Per rule id: on or off, and the severity of its findings.</summary>
    public Dictionary<string, RuleChoice> Settings { get; }

    public ReportRules ToRules() => _original with
    {
        AgeWarning = TimeSpan.FromDays(AgeWarningDays),
        AgeCritical = AgeCriticalDays is { } critical ? TimeSpan.FromDays(critical) : null,
        MaxCheckpointsPerVm = MaxCheckpoints,
        MaxChainDepth = MaxDepth,
        MaxCheckpointBytesPerVm = (long)Math.Round(MaxGiB * GiB),
        MaxCheckpointShare = MaxSharePercent / 100,
        BackupLeftoverAge = TimeSpan.FromDays(BackupLeftoverDays),
        AutomaticAge = TimeSpan.FromDays(AutomaticDays),
        CriticalVmPatterns = Split(CriticalVmPatterns),
        Exclude = _original.Exclude with { VmNamePatterns = Split(ExcludeVms), Clusters = Split(ExcludeClusters), Hosts = Split(ExcludeHosts) },
        Rules = Settings.ToImmutableDictionary(
            s => s.Key,
            s => _original.Setting(s.Key) with { Enabled = s.Value.Enabled, Severity = s.Value.Severity },
            StringComparer.OrdinalIgnoreCase),
    };

    private static string Join(ImmutableArray<string> values) => values.IsDefaultOrEmpty ? string.Empty : string.Join(", ", values);

    private static ImmutableArray<string> Split(string? text) =>
        [.. (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>One rule's choice in the dialog.</summary>
    public sealed class RuleChoice(bool enabled, FindingSeverity severity)
    {
        public bool Enabled { get; set; } = enabled;

        public FindingSeverity Severity { get; set; } = severity;
    }
}
