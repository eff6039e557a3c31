using System.Runtime.InteropServices;
using CheckpointDashboard.HostSimulator.WsMan;

namespace CheckpointDashboard.HostSimulator;

/// <summary>
/// The standalone simulator: generates a fleet and serves it over WS-Management until Ctrl+C, so any WS-Management
/// client (the dashboard, wsl, pywinrm) can be pointed at simulated Hyper-V hosts.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (!SimulatorCommandLine.TryParse(args, out var commandLine, out var error))
        {
            await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
            await Console.Error.WriteLineAsync().ConfigureAwait(false);
            await Console.Error.WriteLineAsync(SimulatorCommandLine.Usage).ConfigureAwait(false);
            return 2;
        }

        if (commandLine.ShowHelp)
        {
            Console.WriteLine(SimulatorCommandLine.Usage);
            return 0;
        }

        var fleet = commandLine.CreateFleet(TimeProvider.System);
        if (commandLine.ApplyFaults(fleet) is { } faultError)
        {
            await Console.Error.WriteLineAsync(faultError).ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        SimulatorWsManHost server;
        try
        {
            server = await SimulatorWsManHost.StartAsync(fleet, commandLine.ServerOptions(), stop.Token).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Cannot listen on {commandLine.Scheme}://{commandLine.Address}:{commandLine.Port}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            foreach (var host in fleet.Hosts.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
            {
                var role = host.Cluster is { } cluster ? $"node of {cluster.Name}" : "standalone";
                Console.WriteLine($"{host.Name,-16} {server.EndpointFor(host.Name)}  ({role}, {host.Vms.Count} VMs)");
            }

            foreach (var cluster in fleet.Clusters.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
            {
                Console.WriteLine($"{cluster.Name,-16} {server.EndpointFor(cluster.Name)}  (cluster, answers as its active node)");
            }

            Console.WriteLine($"{"(default)",-16} {new Uri(server.BaseAddress, "wsman")}  (the first standalone host)");
            if (server.CertificateThumbprint is { } thumbprint)
            {
                Console.WriteLine($"Certificate SHA-256 thumbprint: {thumbprint}");
            }

            Console.WriteLine($"Basic authentication as {commandLine.User}. Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop serving.
            }
        }

        return 0;
    }
}
