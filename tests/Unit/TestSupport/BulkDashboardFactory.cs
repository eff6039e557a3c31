using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Policies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// The real dashboard (its job service too) with the bulk service and the policy store replaced by
/// <see cref="FakeBulkService"/> and <see cref="FakePolicyStore"/>.
/// </summary>
internal sealed class BulkDashboardFactory : FakedDashboardFactory
{
    public FakeBulkService Bulk { get; } = new();

    public FakePolicyStore Policies { get; } = new();

    protected override void Replace(IServiceCollection services)
    {
        services.RemoveAll<IBulkService>();
        services.AddSingleton<IBulkService>(Bulk);
        services.RemoveAll<IPolicyStore>();
        services.AddSingleton<IPolicyStore>(Policies);
    }
}
