using System.Text.RegularExpressions;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Bulk;

/// <summary>
/// Which VMs a bulk change or a policy applies to: explicit VM ids, and/or filters. Every filter given must match;
/// empty filters match everything. Serializable (API bodies, stored policies).
/// </summary>
public sealed record VmSelector
{
    /// <summary>Exactly these VMs (by GUID); combined with the filters below when both are given.</summary>
    public IReadOnlyList<Guid>? VmIds { get; init; }

    /// <summary>Cluster names; "" selects standalone hosts.</summary>
    public IReadOnlyList<string>? Clusters { get; init; }

    public IReadOnlyList<string>? Hosts { get; init; }

    /// <summary>A wildcard (<c>DC*</c>, <c>*-SQL??</c>; case-insensitive) or, with <see cref="NameIsRegex"/>, a regular expression.</summary>
    public string? NamePattern { get; init; }

    public bool NameIsRegex { get; init; }

    public IReadOnlyList<VmState>? States { get; init; }

    /// <summary>The VM's current checkpoint type.</summary>
    public IReadOnlyList<CheckpointType>? CheckpointTypes { get; init; }

    public bool? AutomaticCheckpoints { get; init; }

    /// <summary>Configuration version at least this ("9.0").</summary>
    public string? MinConfigurationVersion { get; init; }

    /// <summary>Configuration version below this ("6.2").</summary>
    public string? BelowConfigurationVersion { get; init; }

    /// <summary>VMs that have (true) or have no (false) Standard checkpoints (checkpoints holding memory).</summary>
    public bool? HasStandardCheckpoints { get; init; }

    public static VmSelector All { get; } = new();

    /// <summary>True when nothing narrows the selection.</summary>
    public bool SelectsEverything =>
        VmIds is null && IsEmpty(Clusters) && IsEmpty(Hosts) && string.IsNullOrWhiteSpace(NamePattern) && IsEmpty(States) &&
        IsEmpty(CheckpointTypes) && AutomaticCheckpoints is null && string.IsNullOrWhiteSpace(MinConfigurationVersion) &&
        string.IsNullOrWhiteSpace(BelowConfigurationVersion) && HasStandardCheckpoints is null;

    /// <summary>The problems with this selector (a bad regex, an unparseable version), or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (NamePattern is { Length: > 0 } pattern && NameIsRegex)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException ex)
            {
                errors.Add($"namePattern: '{pattern}' is not a valid regular expression ({ex.Message}).");
            }
        }

        if (NamePattern is { Length: > 256 })
        {
            errors.Add("namePattern: at most 256 characters.");
        }

        if (MinConfigurationVersion is { Length: > 0 } min && ConfigurationVersions.Parse(min) is null)
        {
            errors.Add($"minConfigurationVersion: '{min}' is not a version like 9.0.");
        }

        if (BelowConfigurationVersion is { Length: > 0 } below && ConfigurationVersions.Parse(below) is null)
        {
            errors.Add($"belowConfigurationVersion: '{below}' is not a version like 6.2.");
        }

        if (VmIds is { Count: > 100_000 })
        {
            errors.Add("vmIds: at most 100,000 ids.");
        }

        return errors;
    }

    /// <summary>The selection in words, for summaries and the audit trail: "cluster PROD; name DC*; type Standard".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (VmIds is { } ids)
        {
            parts.Add(ids.Count == 1 ? "1 chosen VM" : $"{ids.Count} chosen VMs");
        }

        Add(parts, "cluster", Clusters?.Select(c => c.Length == 0 ? "(standalone)" : c));
        Add(parts, "host", Hosts);
        if (NamePattern is { Length: > 0 } pattern)
        {
            parts.Add(NameIsRegex ? $"name matches /{pattern}/" : $"name {pattern}");
        }

        Add(parts, "state", States?.Select(s => s.ToString()));
        Add(parts, "type", CheckpointTypes?.Select(t => t.ToString()));
        if (AutomaticCheckpoints is { } automatic)
        {
            parts.Add($"automatic checkpoints {(automatic ? "on" : "off")}");
        }

        if (MinConfigurationVersion is { Length: > 0 } min)
        {
            parts.Add($"version ≥ {min}");
        }

        if (BelowConfigurationVersion is { Length: > 0 } below)
        {
            parts.Add($"version < {below}");
        }

        if (HasStandardCheckpoints is { } standard)
        {
            parts.Add(standard ? "has Standard checkpoints" : "no Standard checkpoints");
        }

        return parts.Count == 0 ? "all VMs" : string.Join("; ", parts);
    }

    private static void Add(List<string> parts, string label, IEnumerable<string>? values)
    {
        if (values?.ToList() is { Count: > 0 } list)
        {
            parts.Add($"{label} {string.Join(", ", list)}");
        }
    }

    /// <summary>A matcher for this selector (compiles the name pattern once). Call <see cref="Validate"/> first.</summary>
    public VmMatcher Compile() => new(this);

    private static bool IsEmpty<T>(IReadOnlyList<T>? list) => list is null || list.Count == 0;
}
