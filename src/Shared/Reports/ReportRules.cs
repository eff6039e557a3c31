using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// The thresholds, severities and exclusions the checkpoint report applies. Immutable; the defaults are a
/// reasonable starting point for a fleet that has never been audited.
/// </summary>
/// <remarks>Call <see cref="Validate"/> before use: the report assumes the values make sense.</remarks>
public sealed partial record ReportRules
{
    private const long GiB = 1024L * 1024 * 1024;

    /// <summary>
    /// Where the age histogram's buckets start, ascending. The defaults give "under 1 day", "1-7 days", "7-30 days",
    /// "30-90 days", "90 days-1 year" and "over 1 year". A checkpoint exactly on a boundary falls in the older bucket.
    /// </summary>
    public ImmutableArray<TimeSpan> AgeBuckets { get; init; } =
        [TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromDays(90), TimeSpan.FromDays(365)];

    /// <summary>Rule <c>age</c>: a checkpoint at least this old is a finding, with the rule's severity.</summary>
    public TimeSpan AgeWarning { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Rule <c>age</c>: at least this old, the finding is Critical whatever the rule's severity; null never escalates.</summary>
    public TimeSpan? AgeCritical { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Rule <c>count</c>: more checkpoints than this on one VM is a finding.</summary>
    public int MaxCheckpointsPerVm { get; init; } = 3;

    /// <summary>Rule <c>depth</c>: a checkpoint chain deeper than this is a finding.</summary>
    public int MaxChainDepth { get; init; } = 3;

    /// <summary>Rule <c>size</c>: more bytes than this held by one VM's checkpoints is a finding.</summary>
    public long MaxCheckpointBytesPerVm { get; init; } = 50 * GiB;

    /// <summary>Rule <c>share</c>: checkpoints holding more than this fraction (0-1) of the VM's disk bytes is a finding.</summary>
    public double MaxCheckpointShare { get; init; } = 0.5;

    /// <summary>Rule <c>backup-leftover</c>: a Recovery or Replica checkpoint at least this old is a finding.</summary>
    public TimeSpan BackupLeftoverAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Rule <c>automatic-left</c>: an automatic checkpoint at least this old is a finding.</summary>
    public TimeSpan AutomaticAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Rule <c>orphan-disk</c>: files modified more recently than this are not reported, because a checkpoint being
    /// created or merged right now can be on disk before (or after) the inventory knows about it.
    /// </summary>
    public TimeSpan OrphanGrace { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Name wildcards (case-insensitive) that mark domain controllers and database servers, for rules
    /// <c>critical-not-production</c> and <c>standard-with-memory</c>.
    /// </summary>
    public ImmutableArray<string> CriticalVmPatterns { get; init; } = ["DC*", "*-DC*", "SQL*", "*DB*"];

    /// <summary>VMs, clusters and hosts no rule applies to.</summary>
    public ReportExclusion Exclude { get; init; } = ReportExclusion.None;

    /// <summary>Per-rule settings by rule id; a rule missing here runs with <see cref="DefaultSetting"/>.</summary>
    public ImmutableDictionary<string, RuleSetting> Rules { get; init; } =
        ImmutableDictionary.Create<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many VMs the report's top-offender lists hold.</summary>
    public int TopOffenders { get; init; } = 10;

    public static ReportRules Default { get; } = new();

    /// <summary>The setting <paramref name="ruleId"/> runs with: its entry in <see cref="Rules"/>, or the default.</summary>
    public RuleSetting Setting(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        if (Rules is not null)
        {
            if (Rules.TryGetValue(ruleId, out var setting))
            {
                return setting;
            }

            // A dictionary built without the case-insensitive comparer (a deserialized one) still finds "Age".
            foreach (var (id, value) in Rules)
            {
                if (string.Equals(id, ruleId, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }
        }

        return DefaultSetting(ruleId);
    }

    /// <summary>
    /// The out-of-the-box setting of a rule: the safety risks (a domain controller or database server that can be
    /// rolled back with saved memory) are Critical, everything else a Warning.
    /// </summary>
    public static RuleSetting DefaultSetting(string ruleId) => ruleId?.ToLowerInvariant() switch
    {
        ReportRuleIds.CriticalNotProduction or ReportRuleIds.StandardWithMemory => RuleSetting.Critical,
        _ => RuleSetting.Warning,
    };
}
