using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Credentials;

public static class CredentialsServiceCollectionExtensions
{
    /// <summary>The Data Protection application name: apps sharing a key ring only read each other's data under the same one.</summary>
    public const string ApplicationName = "CheckpointDashboard";

    /// <summary>
    /// Stored host credentials: the Data Protection key ring beside the store (<see cref="KeyRingSetup"/>), the
    /// <see cref="ProtectedCredentialStore"/>, and the connector's <see cref="ICredentialStore"/> replaced by it, wrapping
    /// whatever was registered before (the simulator's store over the configured credentials). Call it after
    /// <c>AddHostConnector</c> so that there is something to wrap.
    /// </summary>
    public static IServiceCollection AddHostCredentials(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The whole app's key ring (antiforgery and circuits use it too), so it survives restarts; see KeyRingSetup for
        // where it is kept. On Linux it is not encrypted at rest unless a certificate is configured.
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KeyRingSetup>();

        // Read here, from the configuration as it stands at registration (the operator's file and the environment are in
        // it by then): Data Protection takes its decryption certificates only at registration.
        var keys = configuration.GetSection(CredentialKeyOptions.SectionName).Get<CredentialKeyOptions>();
        if (keys is { IsConfigured: true })
        {
            var contentRoot = configuration[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory();
            dataProtection.ProtectKeysWithCertificate(KeyRingSetup.LoadCertificate(keys, contentRoot));
        }

        var previous = services.LastOrDefault(d => d.ServiceType == typeof(ICredentialStore) && !d.IsKeyedService);
        services.RemoveAll<ICredentialStore>();
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var environment = sp.GetRequiredService<IHostEnvironment>();
            var appConfiguration = sp.GetRequiredService<IConfiguration>();
            return new ProtectedCredentialStore(
                previous is null ? new ConfigurationCredentialStore(appConfiguration) : Resolve(previous, sp),
                appConfiguration,
                CredentialPaths.CredentialFile(store, environment),
                CredentialPaths.KeyDirectory(store, environment),
                sp.GetRequiredService<IDataProtectionProvider>(),
                () => sp.GetRequiredService<IOptions<FleetOptions>>().Value,
                sp.GetRequiredService<IAuditLog>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ProtectedCredentialStore>>());
        });
        services.AddSingleton<ICredentialStore>(sp => sp.GetRequiredService<ProtectedCredentialStore>());
        return services;
    }

    private static ICredentialStore Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance as ICredentialStore
        ?? descriptor.ImplementationFactory?.Invoke(services) as ICredentialStore
        ?? (ICredentialStore)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
