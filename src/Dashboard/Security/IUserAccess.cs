namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// What a user may do, by user name: the grants of their role assignments. The endpoint policies ask
/// <see cref="HasAnywhereAsync"/>; the job, bulk, policy and report services ask <see cref="AllowsAsync"/> with the VM's
/// cluster and host, so no door (page, API, hub, a future one) gets past the rights.
/// </summary>
public interface IUserAccess
{
    /// <summary>Whether <paramref name="user"/> holds <paramref name="right"/> on a VM of <paramref name="host"/> in <paramref name="cluster"/>.</summary>
    Task<bool> AllowsAsync(string user, Right right, string? cluster, string? host, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="user"/> holds <paramref name="right"/> in at least one scope.</summary>
    Task<bool> HasAnywhereAsync(string user, Right right, CancellationToken cancellationToken);

    /// <summary>Forgets what was read about <paramref name="user"/> (everyone when null), after a change of roles.</summary>
    void Invalidate(string? user = null);
}
