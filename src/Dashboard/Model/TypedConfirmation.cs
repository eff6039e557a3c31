namespace CheckpointDashboard.Dashboard.Model;

/// <summary>The "type the VM name to confirm" rule of destructive dialogs.</summary>
public static class TypedConfirmation
{
    /// <summary>
    /// True when <paramref name="typed"/> is exactly <paramref name="expected"/> (case-sensitive: the point is to read
    /// the name, not to approximate it); spaces around a pasted name are forgiven.
    /// </summary>
    public static bool Matches(string expected, string? typed)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return typed is not null && string.Equals(typed.Trim(), expected.Trim(), StringComparison.Ordinal);
    }
}
