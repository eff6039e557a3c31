namespace CheckpointDashboard.Dashboard.Security;

/// <summary>The roles every installation has; custom roles are added beside them.</summary>
public static class BuiltInRoles
{
    public const string Viewer = "Viewer";
    public const string Operator = "Operator";
    public const string Administrator = "Administrator";

    public static IReadOnlyList<(string Name, Right Rights, string Description)> All { get; } =
    [
        (Viewer, Right.View, "Sees the fleet, jobs, reports, policies and the audit trail; changes nothing."),
        (Operator, Right.View | Right.CreateCheckpoint, "Viewer, plus creating (renaming, exporting) checkpoints."),
        (Administrator, Right.All, "Every right, including applying and deleting checkpoints, settings, policies, hosts and users."),
    ];
}
