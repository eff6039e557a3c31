using CheckpointDashboard.Dashboard.Security;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>Rights for service tests that are not about rights: everyone may do everything, or only what <see cref="Deny"/> leaves.</summary>
internal sealed class AllowEveryone : IUserAccess
{
    /// <summary>When set, the users and rights refused (user, right) — for tests of one refusal.</summary>
    public Func<string, Right, string?, string?, bool>? Deny { get; set; }

    public Task<bool> AllowsAsync(string user, Right right, string? cluster, string? host, CancellationToken cancellationToken) =>
        Task.FromResult(Deny?.Invoke(user, right, cluster, host) != true);

    public Task<bool> HasAnywhereAsync(string user, Right right, CancellationToken cancellationToken) =>
        Task.FromResult(Deny?.Invoke(user, right, null, null) != true);

    public void Invalidate(string? user = null)
    {
    }
}
