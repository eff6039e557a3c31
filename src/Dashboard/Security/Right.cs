namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// What a user may do. Rights are granted through roles (built-in Viewer, Operator, Administrator, or custom ones),
/// optionally scoped to clusters or hosts, and enforced on the server: by endpoint policies (one per right, see
/// <see cref="RightPolicies"/>) and again, with the VM's cluster and host, inside the job and bulk services.
/// </summary>
[Flags]
public enum Right
{
    None = 0,

    /// <summary>See the fleet, jobs, reports, policies and the audit trail.</summary>
    View = 1,

    /// <summary>Create (and rename, export) checkpoints.</summary>
    CreateCheckpoint = 2,

    /// <summary>Apply a checkpoint or revert a VM (this discards the VM's current state).</summary>
    ApplyCheckpoint = 4,

    /// <summary>Delete checkpoints and checkpoint subtrees.</summary>
    DeleteCheckpoint = 8,

    /// <summary>Change checkpoint settings, one VM or in bulk.</summary>
    ChangeSettings = 16,

    /// <summary>Create, change and delete checkpoint policies and report rules.</summary>
    ManagePolicies = 32,

    /// <summary>Manage hosts and their stored credentials; run digests.</summary>
    ManageHosts = 64,

    /// <summary>Manage users, roles and other users' API tokens.</summary>
    ManageUsers = 128,

    All = View | CreateCheckpoint | ApplyCheckpoint | DeleteCheckpoint | ChangeSettings | ManagePolicies | ManageHosts | ManageUsers,
}
