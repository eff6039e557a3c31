using System.Collections.Immutable;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>
/// The <c>Reports</c> section: the report's default rules (what an operator saves on the Reports page overrides them),
/// the scheduled digest and the trend history.
/// </summary>
/// <remarks>
/// A mutable mirror of <see cref="ReportRules"/>: the configuration binder cannot fill immutable collections. A value
/// left out (null) keeps the report's built-in default; arrays are null by default because the binder appends to an
/// array that already has items instead of replacing them.
/// </remarks>
public sealed class ReportOptions
{
    public const string SectionName = "Reports";

    public TimeSpan[]? AgeBuckets { get; set; }

    public TimeSpan? AgeWarning { get; set; }

    /// <summary>The age from which the age rule is Critical; <see cref="TimeSpan.Zero"/> turns the escalation off.</summary>
    public TimeSpan? AgeCritical { get; set; }

    public int? MaxCheckpointsPerVm { get; set; }

    public int? MaxChainDepth { get; set; }

    public long? MaxCheckpointBytesPerVm { get; set; }

    public double? MaxCheckpointShare { get; set; }

    public TimeSpan? BackupLeftoverAge { get; set; }

    public TimeSpan? AutomaticAge { get; set; }

    public TimeSpan? OrphanGrace { get; set; }

    public string[]? CriticalVmPatterns { get; set; }

    public ExclusionOptions? Exclude { get; set; }

    /// <summary>Per-rule settings by rule id (<c>Reports:Rules:age:Severity</c>).</summary>
    public Dictionary<string, RuleSettingOptions> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int? TopOffenders { get; set; }

    public DigestOptions Digest { get; set; } = new();

    public HistoryOptions History { get; set; } = new();

    /// <summary>The rules these options describe, over <see cref="ReportRules.Default"/>. Not validated: see <see cref="ReportRules.Validate"/>.</summary>
    public ReportRules ToRules()
    {
        var defaults = ReportRules.Default;
        var rules = ImmutableDictionary.CreateBuilder<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, setting) in Rules)
        {
            rules[id] = setting is null
                ? null!
                : new RuleSetting(setting.Enabled, setting.Severity ?? ReportRules.DefaultSetting(id).Severity, setting.Exclude?.ToExclusion());
        }

        return defaults with
        {
            AgeBuckets = AgeBuckets is null ? defaults.AgeBuckets : [.. AgeBuckets],
            AgeWarning = AgeWarning ?? defaults.AgeWarning,
            AgeCritical = AgeCritical is { } critical ? (critical == TimeSpan.Zero ? null : critical) : defaults.AgeCritical,
            MaxCheckpointsPerVm = MaxCheckpointsPerVm ?? defaults.MaxCheckpointsPerVm,
            MaxChainDepth = MaxChainDepth ?? defaults.MaxChainDepth,
            MaxCheckpointBytesPerVm = MaxCheckpointBytesPerVm ?? defaults.MaxCheckpointBytesPerVm,
            MaxCheckpointShare = MaxCheckpointShare ?? defaults.MaxCheckpointShare,
            BackupLeftoverAge = BackupLeftoverAge ?? defaults.BackupLeftoverAge,
            AutomaticAge = AutomaticAge ?? defaults.AutomaticAge,
            OrphanGrace = OrphanGrace ?? defaults.OrphanGrace,
            CriticalVmPatterns = CriticalVmPatterns is null ? defaults.CriticalVmPatterns : [.. CriticalVmPatterns],
            Exclude = Exclude?.ToExclusion() ?? defaults.Exclude,
            Rules = rules.ToImmutable(),
            TopOffenders = TopOffenders ?? defaults.TopOffenders,
        };
    }
}
