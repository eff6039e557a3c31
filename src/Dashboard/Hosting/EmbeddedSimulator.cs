using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostSimulator.Generation;
using CheckpointDashboard.HostSimulator.InProcess;
using CheckpointDashboard.HostSimulator.Model;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Hosting;

/// <summary>
/// Runs the dashboard on the built-in simulated fleet when the operator configured no hosts: the fleet is
/// generated from <see cref="SimulatorOptions"/>, and its hosts and clusters are put into <see cref="FleetOptions"/>
/// exactly as an operator would list real ones, so the same discovery and refresh code runs.
/// </summary>
public static class EmbeddedSimulator
{
    /// <summary>True when the configuration asks for the simulator (explicitly, or by naming no hosts).</summary>
    public static bool IsWanted(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var fleet = configuration.GetSection(FleetOptions.SectionName);
        var noHosts = !fleet.GetSection("Hosts").GetChildren().Any() && !fleet.GetSection("Clusters").GetChildren().Any();
        return noHosts || configuration.GetValue<bool>($"{SimulatorOptions.SectionName}:Enabled");
    }

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
        // The fleet is generated only when a sim:// host is actually opened.
        services.AddSingleton<ICimTransportProvider>(sp => new SimulatorTransportProvider(() => sp.GetRequiredService<SimulatedFleet>()));

        // Decided when options are first read, not at registration: configuration sources added later (tests,
        // hosting integrations) are then taken into account. The simulated fleet's hosts and clusters replace
        // whatever Fleet lists, so nothing real is contacted.
        services.AddSingleton<IConfigureOptions<FleetOptions>>(sp => new ConfigureOptions<FleetOptions>(options =>
        {
            if (!IsWanted(sp.GetRequiredService<IConfiguration>()))
            {
                return;
            }

            var fleet = sp.GetRequiredService<SimulatedFleet>();
            options.Hosts.Clear();
            options.Clusters.Clear();
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
        }));
        return services;
    }
}
