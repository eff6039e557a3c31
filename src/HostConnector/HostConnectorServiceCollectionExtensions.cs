using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostConnector.Mmi;
using CheckpointDashboard.HostConnector.WsMan;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.HostConnector;

public static class HostConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the fleet inventory and everything it needs: validated <see cref="FleetOptions"/> from the
    /// <c>Fleet</c> section, credentials, the CIM session factory and the inventory's background loops.
    /// Uses TryAdd so tests can register their own implementations first.
    /// </summary>
    public static IServiceCollection AddHostConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICredentialStore>(sp => new ConfigurationCredentialStore(configuration));
        services.AddOptions<FleetOptions>().Bind(configuration.GetSection(FleetOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetOptions>, FleetOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICimTransportProvider, MmiTransportProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICimTransportProvider, WsManTransportProvider>());
        services.TryAddSingleton<CimSessionFactory>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FleetOptions>>().Value;
            var credentials = sp.GetRequiredService<ICredentialStore>();
            return new FleetInventory(
                FleetTopology.Hosts(options, credentials),
                FleetTopology.Clusters(options, credentials),
                sp.GetRequiredService<CimSessionFactory>(),
                options,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>());
        });
        services.TryAddSingleton<IFleetInventory>(sp => sp.GetRequiredService<FleetInventory>());
        services.AddHostedService<FleetInventoryHostedService>();
        return services;
    }
}
