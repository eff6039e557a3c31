using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>The target settings inputs: a checkpoint type and automatic checkpoints, each of which may be left as it is.</summary>
public sealed class TargetForm
{
    /// <summary>Null leaves each VM's type as it is.</summary>
    public CheckpointType? CheckpointType { get; set; }

    /// <summary>"keep", "on" or "off".</summary>
    public string Automatic { get; set; } = Keep;

    public const string Keep = "keep";

    public static TargetForm From(CheckpointSettingsTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new TargetForm
        {
            CheckpointType = target.CheckpointType,
            Automatic = target.AutomaticCheckpoints switch { true => "on", false => "off", null => Keep },
        };
    }

    public CheckpointSettingsTarget ToTarget() =>
        new(CheckpointType, Automatic switch { "on" => true, "off" => false, _ => null });
}
