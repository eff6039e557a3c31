using System.Collections.Immutable;
using System.Globalization;

namespace CheckpointDashboard.Shared.Reports;

/// <content>Validation: every problem at once, each a sentence that names the field to fix.</content>
public sealed partial record ReportRules
{
    private const int MaxPatternLength = 256;
    private const int MaxBuckets = 20;

    /// <summary>Every problem with these rules, as sentences naming the field; empty when the rules can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        ValidateBuckets(errors);
        Positive(errors, nameof(AgeWarning), AgeWarning);
        if (AgeCritical is { } critical)
        {
            Positive(errors, nameof(AgeCritical), critical);
            if (critical < AgeWarning)
            {
                errors.Add(Say($"{nameof(AgeCritical)} ({Days(critical)}) must not be shorter than {nameof(AgeWarning)} ({Days(AgeWarning)})."));
            }
        }

        AtLeast(errors, nameof(MaxCheckpointsPerVm), MaxCheckpointsPerVm, 0);
        AtLeast(errors, nameof(MaxChainDepth), MaxChainDepth, 0);
        AtLeast(errors, nameof(MaxCheckpointBytesPerVm), MaxCheckpointBytesPerVm, 0);
        if (double.IsNaN(MaxCheckpointShare) || MaxCheckpointShare is <= 0 or > 1)
        {
            errors.Add(Say($"{nameof(MaxCheckpointShare)} must be a fraction above 0 and at most 1 (0.5 is half); it is {MaxCheckpointShare}."));
        }

        Positive(errors, nameof(BackupLeftoverAge), BackupLeftoverAge);
        Positive(errors, nameof(AutomaticAge), AutomaticAge);
        if (OrphanGrace < TimeSpan.Zero)
        {
            errors.Add(Say($"{nameof(OrphanGrace)} must not be negative; it is {OrphanGrace}."));
        }

        if (TopOffenders is < 1 or > 1000)
        {
            errors.Add(Say($"{nameof(TopOffenders)} must be between 1 and 1000; it is {TopOffenders}."));
        }

        Patterns(errors, nameof(CriticalVmPatterns), CriticalVmPatterns);
        Exclusion(errors, nameof(Exclude), Exclude);
        ValidateRules(errors);
        return errors;
    }

    private void ValidateBuckets(List<string> errors)
    {
        if (AgeBuckets.IsDefaultOrEmpty)
        {
            errors.Add($"{nameof(AgeBuckets)} must list at least one boundary (for example 1, 7, 30, 90 and 365 days).");
            return;
        }

        if (AgeBuckets.Length > MaxBuckets)
        {
            errors.Add(Say($"{nameof(AgeBuckets)} can have at most {MaxBuckets} boundaries; it has {AgeBuckets.Length}."));
        }

        for (var i = 0; i < AgeBuckets.Length; i++)
        {
            if (AgeBuckets[i] <= TimeSpan.Zero)
            {
                errors.Add(Say($"{nameof(AgeBuckets)}[{i}] must be more than zero; it is {AgeBuckets[i]}."));
            }
            else if (i > 0 && AgeBuckets[i] <= AgeBuckets[i - 1])
            {
                errors.Add(Say($"{nameof(AgeBuckets)}[{i}] ({Days(AgeBuckets[i])}) must be longer than the boundary before it ({Days(AgeBuckets[i - 1])})."));
            }
        }
    }

    private void ValidateRules(List<string> errors)
    {
        if (Rules is null)
        {
            errors.Add($"{nameof(Rules)} must not be null; leave it empty to use every rule's default.");
            return;
        }

        foreach (var (id, setting) in Rules.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
        {
            var field = $"{nameof(Rules)}:{id}";
            if (!ReportRuleIds.IsKnown(id))
            {
                errors.Add(Say($"{field} is not a known rule; the rules are {string.Join(", ", ReportRuleIds.All)}."));
                continue;
            }

            if (setting is null)
            {
                errors.Add(Say($"{field} must not be empty."));
                continue;
            }

            if (!Enum.IsDefined(setting.Severity))
            {
                errors.Add(Say($"{field}:Severity must be Info, Warning or Critical; it is {(int)setting.Severity}."));
            }

            if (setting.Exclude is { } exclude)
            {
                Exclusion(errors, $"{field}:Exclude", exclude);
            }
        }
    }

    private static void Exclusion(List<string> errors, string field, ReportExclusion? exclusion)
    {
        if (exclusion is null)
        {
            errors.Add(Say($"{field} must not be null; use an empty exclusion."));
            return;
        }

        Patterns(errors, $"{field}:{nameof(ReportExclusion.VmNamePatterns)}", exclusion.VmNamePatterns);
        Names(errors, $"{field}:{nameof(ReportExclusion.Hosts)}", exclusion.Hosts, allowEmpty: false);
        Names(errors, $"{field}:{nameof(ReportExclusion.Clusters)}", exclusion.Clusters, allowEmpty: true);
    }

    private static void Patterns(List<string> errors, string field, ImmutableArray<string> patterns)
    {
        for (var i = 0; !patterns.IsDefault && i < patterns.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(patterns[i]))
            {
                errors.Add(Say($"{field}[{i}] must not be empty (use * to match every name)."));
            }
            else if (patterns[i].Length > MaxPatternLength)
            {
                errors.Add(Say($"{field}[{i}] can have at most {MaxPatternLength} characters; it has {patterns[i].Length}."));
            }
        }
    }

    private static void Names(List<string> errors, string field, ImmutableArray<string> names, bool allowEmpty)
    {
        for (var i = 0; !names.IsDefault && i < names.Length; i++)
        {
            // "" names the standalone hosts in a cluster list; a host always has a name.
            if (names[i] is null || (!allowEmpty && string.IsNullOrWhiteSpace(names[i])))
            {
                errors.Add(Say($"{field}[{i}] must not be empty."));
            }
        }
    }

    private static void Positive(List<string> errors, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(Say($"{field} must be more than zero; it is {value}."));
        }
    }

    private static void AtLeast(List<string> errors, string field, long value, long minimum)
    {
        if (value < minimum)
        {
            errors.Add(Say($"{field} must be at least {minimum}; it is {value}."));
        }
    }

    private static string Days(TimeSpan value) => Say($"{value.TotalDays:0.##} days");

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
