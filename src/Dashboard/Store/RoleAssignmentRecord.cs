namespace CheckpointDashboard.Dashboard.Store;

/// <summary>A role given to a user, over the whole fleet or only some clusters and hosts.</summary>
public sealed class RoleAssignmentRecord
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string RoleName { get; set; } = string.Empty;

    /// <summary>Comma-separated cluster names the role is limited to; with <see cref="Hosts"/> both empty, the whole fleet.</summary>
    public string Clusters { get; set; } = string.Empty;

    /// <summary>Comma-separated host names the role is limited to.</summary>
    public string Hosts { get; set; } = string.Empty;
}
