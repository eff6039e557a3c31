using System.Text.Json.Serialization;
using CheckpointDashboard.Dashboard.Bulk;
using CheckpointDashboard.Dashboard.Hosting;
using CheckpointDashboard.Dashboard.Jobs;
using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CheckpointDashboard.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>Everything the dashboard needs: host connector, the embedded simulator when no hosts are configured, Blazor and MudBlazor.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        // The simulator first: its credential store wraps the configured one (AddHostConnector only adds defaults).
        services.AddEmbeddedSimulator(configuration);
        services.AddHostConnector(configuration);
        services.AddStore(configuration);
        services.AddDashboardAuth(configuration);
        Credentials.CredentialsServiceCollectionExtensions.AddHostCredentials(services, configuration); // wraps the simulator's credential store
        services.AddJobs(configuration);
        services.AddBulk(configuration);
        services.AddReports(configuration);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        // Per circuit: carries a VM selection from the grid or a policy to the bulk page.
        services.TryAddScoped<Model.BulkHandoff>();
        services.AddHealthChecks();
        Api.ApiServiceCollectionExtensions.AddDashboardApi(services);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });

        // Last: its message size limits for Blazor's and the jobs hub must come after SignalR's own defaults.
        Hosting.Hardening.HardeningServiceCollectionExtensions.AddHardening(services, configuration);
        return services;
    }
}
