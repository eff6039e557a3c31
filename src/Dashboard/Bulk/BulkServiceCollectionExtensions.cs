using CheckpointDashboard.Dashboard.Policies;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Policies;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Bulk;

public static class BulkServiceCollectionExtensions
{
    /// <summary>Bulk changes and policies. Register after the jobs: bulk changes resume after the jobs they follow.</summary>
    public static IServiceCollection AddBulk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BulkOptions>().Bind(configuration.GetSection(BulkOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BulkOptions>, BulkOptionsValidator>();
        services.AddSingleton<BulkService>();
        services.AddSingleton<IBulkService>(sp => sp.GetRequiredService<BulkService>());
        services.AddHostedService(sp => sp.GetRequiredService<BulkService>());
        services.AddSingleton<IPolicyStore, PolicyStore>();
        return services;
    }
}
