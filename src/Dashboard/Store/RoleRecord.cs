namespace CheckpointDashboard.Dashboard.Store;

/// <summary>A role: a named set of rights. The built-in ones (Viewer, Operator, Administrator) cannot be changed.</summary>
public sealed class RoleRecord
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The rights, as the <see cref="Security.Right"/> flags.</summary>
    public int Rights { get; set; }

    public bool BuiltIn { get; set; }

    public string? Description { get; set; }
}
