using System.Security.Cryptography;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostSimulator.Generation;
using CheckpointDashboard.HostSimulator.InProcess;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.HostSimulator.WsMan;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Hosting;

/// <summary>
/// Runs the dashboard on the built-in simulated fleet when the operator configured no hosts. The fleet is generated
/// from <see cref="SimulatorOptions"/>; by default it is served over WS-Management on a loopback port and its hosts
/// and clusters are put into <see cref="FleetOptions"/> exactly as an operator would list real ones, so the default
/// run goes through the same discovery, transport, TLS pinning and authentication code as production.
/// </summary>
public static class EmbeddedSimulator
{
    /// <summary>The name of the simulator's credential; configured credentials cannot use it.</summary>
    public const string CredentialName = "__simulator";

    /// <summary>True when the configuration asks for the simulator (explicitly, or by naming no hosts).</summary>
    public static bool IsWanted(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var fleet = configuration.GetSection(FleetOptions.SectionName);
        var noHosts = !fleet.GetSection("Hosts").GetChildren().Any() && !fleet.GetSection("Clusters").GetChildren().Any();
        return noHosts || configuration.GetValue<bool>($"{SimulatorOptions.SectionName}:Enabled");
    }

    /// <summary>
    /// Registers the simulator's services. Whether it is used is decided when options are first read, not here, so
    /// configuration sources added later (tests, hosting integrations) count.
    /// </summary>
    public static IServiceCollection AddEmbeddedSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorOptions>().Bind(configuration.GetSection(SimulatorOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            var spec = options.Hosts > 0 ? FleetSpec.ForHosts(options.Hosts, options.VmsPerHost, options.Seed) : FleetSpec.Default with { Seed = options.Seed };
            var fleet = FleetGenerator.Generate(spec, sp.GetRequiredService<TimeProvider>(), options.Speed);
            if (options.Latency > TimeSpan.Zero)
            {
                foreach (var host in fleet.Hosts)
                {
                    host.Faults = host.Faults with { Latency = options.Latency };
                }
            }

            return fleet;
        });

        // The WS-Management server starts when the fleet options are first built (at application start). Its
        // password is made up here and never leaves the process.
        services.AddSingleton(sp => new EmbeddedServer(sp.GetRequiredService<SimulatedFleet>()));
        services.AddSingleton<ICimTransportProvider>(sp => new SimulatorTransportProvider(() => sp.GetRequiredService<SimulatedFleet>()));
        services.AddSingleton<ICredentialStore>(sp => new SimulatorCredentialStore(
            new ConfigurationCredentialStore(sp.GetRequiredService<IConfiguration>()),
            () => sp.GetRequiredService<EmbeddedServer>().Credential));

        services.AddSingleton<IConfigureOptions<FleetOptions>>(sp => new ConfigureOptions<FleetOptions>(options =>
        {
            if (!IsWanted(sp.GetRequiredService<IConfiguration>()))
            {
                return;
            }

            var simulator = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            var fleet = sp.GetRequiredService<SimulatedFleet>();
            options.Hosts.Clear();
            options.Clusters.Clear();
            options.MarkSimulated();
            if (simulator.Transport == SimulatorTransport.InProcess)
            {
                ConfigureInProcess(options, fleet);
            }
            else
            {
                ConfigureWsMan(options, fleet, sp.GetRequiredService<EmbeddedServer>().Host);
            }
        }));
        return services;
    }

    private static void ConfigureInProcess(FleetOptions options, SimulatedFleet fleet)
    {
        foreach (var host in fleet.StandaloneHosts.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
        {
            options.Hosts.Add(new FleetHostOptions { Name = host.Name, Endpoint = $"sim://{host.Name}", Transport = CimTransport.Simulator });
        }

        foreach (var cluster in fleet.Clusters.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            options.Clusters.Add(new FleetClusterOptions
            {
                Name = cluster.Name,
                Endpoint = $"sim://{cluster.Name}",
                NodeEndpoint = "sim://{node}",
                Transport = CimTransport.Simulator,
            });
        }
    }

    private static void ConfigureWsMan(FleetOptions options, SimulatedFleet fleet, SimulatorWsManHost server)
    {
        foreach (var host in fleet.StandaloneHosts.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
        {
            options.Hosts.Add(Secure(new FleetHostOptions { Name = host.Name, Endpoint = server.EndpointFor(host.Name).ToString() }, server));
        }

        foreach (var cluster in fleet.Clusters.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            options.Clusters.Add(Secure(new FleetClusterOptions
            {
                Name = cluster.Name,
                Endpoint = server.EndpointFor(cluster.Name).ToString(),
                NodeEndpoint = new Uri(server.BaseAddress, "{node}/wsman").ToString().Replace("%7Bnode%7D", "{node}", StringComparison.OrdinalIgnoreCase),
            }, server));
        }
    }

    private static T Secure<T>(T endpoint, SimulatorWsManHost server)
        where T : EndpointOptions
    {
        endpoint.Transport = CimTransport.WsMan;
        endpoint.Authentication = "Basic";
        endpoint.Credential = CredentialName;
        endpoint.CertificateThumbprint = server.CertificateThumbprint;
        return endpoint;
    }

    /// <summary>The simulator's WS-Management server on a loopback port, started on first use and stopped with the app.</summary>
    internal sealed class EmbeddedServer : IAsyncDisposable
    {
        private readonly Lazy<SimulatorWsManHost> _host;

        public EmbeddedServer(SimulatedFleet fleet)
        {
            Credential = new System.Net.NetworkCredential("dashboard", Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
            var options = new WsManServerOptions { UseHttps = true, UserName = Credential.UserName, Password = Credential.Password };

            // Started synchronously: the fleet options need its port and certificate, and options are built at start.
            _host = new Lazy<SimulatorWsManHost>(() => SimulatorWsManHost.StartAsync(fleet, options).GetAwaiter().GetResult());
        }

        public System.Net.NetworkCredential Credential { get; }

        public SimulatorWsManHost Host => _host.Value;

        public async ValueTask DisposeAsync()
        {
            if (_host.IsValueCreated)
            {
                await _host.Value.DisposeAsync();
            }
        }
    }

    /// <summary>Configured credentials, plus the simulator's under its reserved name.</summary>
    private sealed class SimulatorCredentialStore(ICredentialStore inner, Func<System.Net.NetworkCredential> simulator) : ICredentialStore
    {
        public bool Exists(string name) => name == CredentialName || inner.Exists(name);

        public System.Net.NetworkCredential? Find(string name) => name == CredentialName ? simulator() : inner.Find(name);
    }
}
