using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The job service and what it needs. Register after the store (its migrator must run first).</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddSingleton<HyperVOperations>();
        services.AddSingleton<HostSessions>();
        services.AddSingleton<JobService>();
        services.AddSingleton<IJobService>(sp => sp.GetRequiredService<JobService>());
        services.AddHostedService(sp => sp.GetRequiredService<JobService>());
        return services;
    }
}
