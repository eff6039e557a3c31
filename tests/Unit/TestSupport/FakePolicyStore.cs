using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Policies;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// A hand-written policy store that keeps policies in memory with the store's rules: a save of an unknown id creates
/// (version 1), a save of a known one must carry the stored version (else Conflict) and bumps it, a delete of an unknown
/// id is NotFound. Records every save and delete, and refuses whatever it is told to.
/// </summary>
internal sealed class FakePolicyStore : IPolicyStore
{
    public static readonly DateTimeOffset SavedAt = new(2026, 11, 24, 12, 30, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, CheckpointPolicy> _policies = [];
    private readonly List<(CheckpointPolicy Policy, string User)> _saves = [];
    private readonly List<(Guid Id, string User)> _deletes = [];

    public event EventHandler? Changed;

    /// <summary>When set, SaveAsync and DeleteAsync throw it (after recording the call).</summary>
    public JobRejectedException? Rejection { get; set; }

    public IReadOnlyList<(CheckpointPolicy Policy, string User)> Saves
    {
        get
        {
            lock (_gate)
            {
                return [.. _saves];
            }
        }
    }

    public IReadOnlyList<(Guid Id, string User)> Deletes
    {
        get
        {
            lock (_gate)
            {
                return [.. _deletes];
            }
        }
    }

    /// <summary>Puts <paramref name="policy"/> in the store as it is, without recording a save.</summary>
    public CheckpointPolicy Add(CheckpointPolicy policy)
    {
        lock (_gate)
        {
            _policies[policy.Id] = policy;
            return policy;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _policies.Clear();
            _saves.Clear();
            _deletes.Clear();
            Rejection = null;
        }
    }

    public Task<IReadOnlyList<CheckpointPolicy>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CheckpointPolicy>>([.. _policies.Values.OrderBy(p => p.Name, StringComparer.Ordinal)]);
        }
    }

    public Task<CheckpointPolicy?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_policies.GetValueOrDefault(id));
        }
    }

    public Task<CheckpointPolicy> SaveAsync(CheckpointPolicy policy, string user, CancellationToken cancellationToken)
    {
        CheckpointPolicy saved;
        lock (_gate)
        {
            _saves.Add((policy, user));
            if (Rejection is { } rejection)
            {
                throw rejection;
            }

            if (_policies.TryGetValue(policy.Id, out var stored) && stored.Version != policy.Version)
            {
                throw new JobRejectedException(JobRejection.Conflict,
                    $"'{stored.Name}' was changed by {stored.UpdatedBy} (version {stored.Version}); you sent version {policy.Version}.");
            }

            saved = policy with { Version = (stored?.Version ?? 0) + 1, UpdatedAt = SavedAt, UpdatedBy = user };
            _policies[policy.Id] = saved;
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return Task.FromResult(saved);
    }

    public Task DeleteAsync(Guid id, string user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _deletes.Add((id, user));
            if (Rejection is { } rejection)
            {
                throw rejection;
            }

            if (!_policies.Remove(id))
            {
                throw new JobRejectedException(JobRejection.NotFound, $"No policy {id}.");
            }
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return Task.CompletedTask;
    }
}
