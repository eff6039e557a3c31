using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// What the selection inputs of the bulk page and the policy editor hold, turned into a <see cref="VmSelector"/>.
/// Mutable on purpose: the inputs bind to it; <see cref="ToSelector"/> takes the immutable copy that is sent.
/// </summary>
public sealed class SelectorForm
{
    public IReadOnlyList<Guid>? VmIds { get; set; }

    public IReadOnlyCollection<string> Clusters { get; set; } = [];

    public IReadOnlyCollection<string> Hosts { get; set; } = [];

    public string? NamePattern { get; set; }

    public bool NameIsRegex { get; set; }

    public IReadOnlyCollection<VmState> States { get; set; } = [];

    public IReadOnlyCollection<CheckpointType> CheckpointTypes { get; set; } = [];

    /// <summary>"any", "on" or "off".</summary>
    public string Automatic { get; set; } = Any;

    public string? MinConfigurationVersion { get; set; }

    public string? BelowConfigurationVersion { get; set; }

    /// <summary>"any", "yes" or "no".</summary>
    public string HasStandardCheckpoints { get; set; } = Any;

    public const string Any = "any";

    public static SelectorForm From(VmSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new SelectorForm
        {
            VmIds = selector.VmIds,
            Clusters = [.. selector.Clusters ?? []],
            Hosts = [.. selector.Hosts ?? []],
            NamePattern = selector.NamePattern,
            NameIsRegex = selector.NameIsRegex,
            States = [.. selector.States ?? []],
            CheckpointTypes = [.. selector.CheckpointTypes ?? []],
            Automatic = selector.AutomaticCheckpoints switch { true => "on", false => "off", null => Any },
            MinConfigurationVersion = selector.MinConfigurationVersion,
            BelowConfigurationVersion = selector.BelowConfigurationVersion,
            HasStandardCheckpoints = selector.HasStandardCheckpoints switch { true => "yes", false => "no", null => Any },
        };
    }

    public VmSelector ToSelector() => new()
    {
        VmIds = VmIds is null ? null : [.. VmIds],
        Clusters = Clusters.Count == 0 ? null : [.. Clusters.Order(StringComparer.OrdinalIgnoreCase)],
        Hosts = Hosts.Count == 0 ? null : [.. Hosts.Order(StringComparer.OrdinalIgnoreCase)],
        NamePattern = string.IsNullOrWhiteSpace(NamePattern) ? null : NamePattern.Trim(),
        NameIsRegex = NameIsRegex && !string.IsNullOrWhiteSpace(NamePattern),
        States = States.Count == 0 ? null : [.. States.Order()],
        CheckpointTypes = CheckpointTypes.Count == 0 ? null : [.. CheckpointTypes.Order()],
        AutomaticCheckpoints = Automatic switch { "on" => true, "off" => false, _ => null },
        MinConfigurationVersion = string.IsNullOrWhiteSpace(MinConfigurationVersion) ? null : MinConfigurationVersion.Trim(),
        BelowConfigurationVersion = string.IsNullOrWhiteSpace(BelowConfigurationVersion) ? null : BelowConfigurationVersion.Trim(),
        HasStandardCheckpoints = HasStandardCheckpoints switch { "yes" => true, "no" => false, _ => null },
    };
}
