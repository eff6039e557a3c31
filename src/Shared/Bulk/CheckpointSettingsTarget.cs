using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Bulk;

/// <summary>The checkpoint settings a bulk change or a policy wants; null leaves a setting as it is.</summary>
public sealed record CheckpointSettingsTarget(CheckpointType? CheckpointType, bool? AutomaticCheckpoints)
{
    /// <summary>The problems with this target, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CheckpointType is null && AutomaticCheckpoints is null)
        {
            errors.Add("Choose a checkpoint type, automatic checkpoints on or off, or both.");
        }

        if (CheckpointType is { } type && type is not (Inventory.CheckpointType.Disabled or Inventory.CheckpointType.Production or
                Inventory.CheckpointType.ProductionOnly or Inventory.CheckpointType.Standard))
        {
            errors.Add($"checkpointType: '{type}' is not one of Disabled, Production, ProductionOnly, Standard.");
        }

        return errors;
    }

    /// <summary>Whether <paramref name="vm"/> already has these settings.</summary>
    public bool IsMetBy(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return (CheckpointType is not { } type || vm.CheckpointType == type) &&
               (AutomaticCheckpoints is not { } automatic || vm.AutomaticCheckpoints == automatic);
    }

    /// <summary>"Production, automatic checkpoints off".</summary>
    public string Describe() => string.Join(", ", new[]
    {
        CheckpointType?.ToString(),
        AutomaticCheckpoints is { } automatic ? $"automatic checkpoints {(automatic ? "on" : "off")}" : null,
    }.OfType<string>());
}
