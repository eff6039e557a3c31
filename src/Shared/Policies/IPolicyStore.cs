namespace CheckpointDashboard.Shared.Policies;

/// <summary>Saved policies.</summary>
public interface IPolicyStore
{
    Task<IReadOnlyList<CheckpointPolicy>> ListAsync(CancellationToken cancellationToken);

    Task<CheckpointPolicy?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Creates (unknown id) or updates a policy. An update whose <see cref="CheckpointPolicy.Version"/> is not the stored one is refused.</summary>
    /// <exception cref="Jobs.JobRejectedException">Invalid policy (Invalid), stale version (Conflict).</exception>
    Task<CheckpointPolicy> SaveAsync(CheckpointPolicy policy, string user, CancellationToken cancellationToken);

    /// <exception cref="Jobs.JobRejectedException">No such policy (NotFound).</exception>
    Task DeleteAsync(Guid id, string user, CancellationToken cancellationToken);

    /// <summary>Raised after every change, so compliance views recompute.</summary>
    event EventHandler? Changed;
}
