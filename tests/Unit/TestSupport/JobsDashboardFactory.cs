using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>The real dashboard with the job service and the audit log replaced by <see cref="FakeJobService"/> and <see cref="FakeAuditLog"/>.</summary>
internal sealed class JobsDashboardFactory : FakedDashboardFactory
{
    public FakeJobService Jobs { get; } = new();

    public FakeAuditLog Audit { get; } = new();

    protected override void Replace(IServiceCollection services)
    {
        services.RemoveAll<IJobService>();
        services.AddSingleton<IJobService>(Jobs);
        services.RemoveAll<IAuditLog>();
        services.AddSingleton<IAuditLog>(Audit);
    }
}
