namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// <see cref="ReportRules"/> and <see cref="ReportFilter"/> compiled once per report: which rules run, at what
/// severity, for which VMs. Rules are numbered by their position in <see cref="ReportRuleIds.All"/> so that a VM's
/// applicable rules are one bit mask, worked out once per VM instead of once per checkpoint.
/// </summary>
internal sealed class RuleContext
{
    public const int Age = 0, Count = 1, Depth = 2, Size = 3, Share = 4, StandardType = 5, CriticalNotProduction = 6,
        StandardWithMemory = 7, BackupLeftover = 8, AutomaticLeft = 9, OrphanDisk = 10, UnregisteredDifferencing = 11;

    private readonly FindingSeverity[] _severities;
    private readonly Scope _global;
    private readonly Scope?[] _perRule;
    private readonly int _active;
    private readonly FindingSeverity _minimum;
    private readonly HashSet<string>? _filterRules;

    public RuleContext(ReportRules rules, ReportFilter filter)
    {
        Rules = rules;
        OnlyRowsWithFindings = filter.OnlyRowsWithFindings;
        AgeLimit = ReportFormat.Duration(rules.AgeWarning);
        BackupLimit = ReportFormat.Duration(rules.BackupLeftoverAge);
        AutomaticLimit = ReportFormat.Duration(rules.AutomaticAge);
        SizeLimit = ReportFormat.Bytes(rules.MaxCheckpointBytesPerVm);
        ShareLimit = ReportFormat.Percent(rules.MaxCheckpointShare);
        Critical = new WildcardPattern(rules.CriticalVmPatterns.IsDefault ? [] : rules.CriticalVmPatterns);
        _global = new Scope(rules.Exclude ?? ReportExclusion.None);
        _minimum = filter.MinimumSeverity;
        _filterRules = filter.RuleIds.IsDefaultOrEmpty ? null : new HashSet<string>(filter.RuleIds, StringComparer.OrdinalIgnoreCase);
        var ids = ReportRuleIds.All;
        _severities = new FindingSeverity[ids.Length];
        _perRule = new Scope?[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var setting = rules.Setting(ids[i]);
            _severities[i] = setting.Severity;
            _perRule[i] = setting.Exclude is { IsEmpty: false } exclude ? new Scope(exclude) : null;
            if (setting.Enabled && (_filterRules is null || _filterRules.Contains(ids[i])))
            {
                _active |= 1 << i;
            }
        }
    }

    public ReportRules Rules { get; }

    /// <summary>Rows without a finding that passes the filter are left out of the report.</summary>
    public bool OnlyRowsWithFindings { get; }

    // The limits as the findings' sentences say them, written once per report rather than once per finding.
    public string AgeLimit { get; }

    public string BackupLimit { get; }

    public string AutomaticLimit { get; }

    public string SizeLimit { get; }

    public string ShareLimit { get; }

    /// <summary>Names of domain controllers and database servers.</summary>
    public WildcardPattern Critical { get; }

    public FindingSeverity SeverityOf(int rule) => _severities[rule];

    /// <summary>True when a finding of this rule and severity passes the filter.</summary>
    public bool Keeps(int rule, FindingSeverity severity) => (_active & (1 << rule)) != 0 && severity >= _minimum;

    /// <summary>
    /// The rules that are on, pass the filter's rule list and do not exclude this VM (or file, without a name).
    /// Severity is checked per finding, because the age rule's severity depends on the checkpoint.
    /// </summary>
    public int ActiveFor(string? vmName, string host, string? cluster)
    {
        if (_active == 0 || _global.Excludes(vmName, host, cluster))
        {
            return 0;
        }

        var mask = _active;
        for (var i = 0; i < _perRule.Length; i++)
        {
            if (_perRule[i] is { } scope && scope.Excludes(vmName, host, cluster))
            {
                mask &= ~(1 << i);
            }
        }

        return mask;
    }

    public static bool Has(int mask, int rule) => (mask & (1 << rule)) != 0;

    /// <summary>A compiled <see cref="ReportExclusion"/>.</summary>
    private sealed class Scope(ReportExclusion exclusion)
    {
        private readonly WildcardPattern _names = new(exclusion.VmNamePatterns.IsDefault ? [] : exclusion.VmNamePatterns);
        private readonly HashSet<string> _clusters = new(exclusion.Clusters.IsDefault ? [] : exclusion.Clusters, StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _hosts = new(exclusion.Hosts.IsDefault ? [] : exclusion.Hosts, StringComparer.OrdinalIgnoreCase);

        public bool Excludes(string? vmName, string host, string? cluster) =>
            (_hosts.Count > 0 && _hosts.Contains(host)) ||
            (_clusters.Count > 0 && _clusters.Contains(cluster ?? string.Empty)) ||
            (vmName is not null && !_names.IsEmpty && _names.IsMatch(vmName));
    }
}
