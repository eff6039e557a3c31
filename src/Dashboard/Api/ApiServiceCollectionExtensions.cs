using System.Text.Json.Serialization;
using CheckpointDashboard.Dashboard.Hubs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CheckpointDashboard.Dashboard.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// The job hub and what feeds it: SignalR with enums as strings (as in the HTTP API), the subscription registry and the
    /// broadcasters of jobs and bulk changes. The job service, the bulk service, the policy store and the audit log the
    /// endpoints use are registered by their own modules.
    /// </summary>
    public static IServiceCollection AddDashboardApi(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.TryAddSingleton<JobSubscriptions>();
        services.AddHostedService<JobsHubBroadcaster>();
        services.AddHostedService<BulkHubBroadcaster>();
        return services;
    }
}
