using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>Checks checkpoint names as the operator types them, with Hyper-V's rules from <see cref="CheckpointNames"/>.</summary>
public static class NameInput
{
    /// <summary>
    /// For a new checkpoint, where the name is optional: an empty field means Hyper-V's default name (the VM's name with
    /// the date and time), but a name of only spaces is a mistake, not a request for the default.
    /// </summary>
    public static string? ValidateOptional(string? typed)
    {
        if (string.IsNullOrEmpty(typed))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(typed)
            ? "A name of only spaces is not allowed; leave the field empty for Hyper-V's default name."
            : CheckpointNames.Validate(typed);
    }

    /// <summary>For a rename: the name is required, and must differ from the current one.</summary>
    public static string? ValidateRename(string? typed, string current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return CheckpointNames.Validate(typed) ?? (string.Equals(typed, current, StringComparison.Ordinal)
            ? "This is the checkpoint's current name."
            : null);
    }
}
