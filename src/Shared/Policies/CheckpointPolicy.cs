using CheckpointDashboard.Shared.Bulk;

namespace CheckpointDashboard.Shared.Policies;

/// <summary>
/// A desired-state rule: the VMs in <see cref="Scope"/> must have <see cref="Target"/>. When scopes overlap, the enabled
/// policy with the highest <see cref="Priority"/> decides a VM's desired settings.
/// </summary>
public sealed record CheckpointPolicy
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required VmSelector Scope { get; init; }

    public required CheckpointSettingsTarget Target { get; init; }

    /// <summary>Higher wins where scopes overlap.</summary>
    public int Priority { get; init; }

    public bool Enabled { get; init; } = true;

    public DateTimeOffset UpdatedAt { get; init; }

    public string UpdatedBy { get; init; } = string.Empty;

    /// <summary>Concurrency token: an update based on an older version is refused.</summary>
    public int Version { get; init; }

    /// <summary>The problems with this policy, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("name: is required.");
        }
        else if (Name.Length > 100)
        {
            errors.Add("name: at most 100 characters.");
        }

        if (Priority is < -10_000 or > 10_000)
        {
            errors.Add("priority: must be between -10000 and 10000.");
        }

        errors.AddRange(Scope.Validate().Select(e => "scope." + e));
        errors.AddRange(Target.Validate().Select(e => "target: " + e));
        return errors;
    }
}
