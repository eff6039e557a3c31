namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// Authorization policy names, one per <see cref="Right"/>: <c>[Authorize(Policy = RightPolicies.ManageHosts)]</c> on a
/// page, <c>.RequireAuthorization(RightPolicies.ManageHosts)</c> on an endpoint. A policy is met when the user holds the
/// right in at least one scope; the services check the exact scope (the VM's cluster and host) again.
/// </summary>
public static class RightPolicies
{
    public const string View = "right:View";
    public const string CreateCheckpoint = "right:CreateCheckpoint";
    public const string ApplyCheckpoint = "right:ApplyCheckpoint";
    public const string DeleteCheckpoint = "right:DeleteCheckpoint";
    public const string ChangeSettings = "right:ChangeSettings";
    public const string ManagePolicies = "right:ManagePolicies";
    public const string ManageHosts = "right:ManageHosts";
    public const string ManageUsers = "right:ManageUsers";

    /// <summary>The policy name of <paramref name="right"/> (a single right).</summary>
    public static string For(Right right) => $"right:{right}";
}
