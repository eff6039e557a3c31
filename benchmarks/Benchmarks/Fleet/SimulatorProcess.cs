using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CheckpointDashboard.Benchmarks.Fleet;

/// <summary>
/// The standalone simulator (<c>src/HostSimulator</c>) as a child process serving a generated fleet over HTTPS
/// WS-Management on a loopback port, so the dashboard's CPU and memory are measured in a process of its own. The same
/// seed gives the same fleet, so it can be restarted with another latency on the same port.
/// </summary>
internal sealed partial class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process, IReadOnlyList<(string Name, string Endpoint)> standalone, IReadOnlyList<(string Name, string Endpoint)> clusters, string thumbprint)
    {
        _process = process;
        Standalone = standalone;
        Clusters = clusters;
        Thumbprint = thumbprint;
    }

    public IReadOnlyList<(string Name, string Endpoint)> Standalone { get; }

    public IReadOnlyList<(string Name, string Endpoint)> Clusters { get; }

    public string Thumbprint { get; }

    /// <summary>CPU time the simulator has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<SimulatorProcess> StartAsync(int hosts, int vmsPerHost, int latencyMs, int port, string password, double speed)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CheckpointDashboard.HostSimulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            dll, "--https", "--urls", $"https://127.0.0.1:{port}", "--hosts", hosts.ToString(CultureInfo.InvariantCulture),
            "--vms-per-host", vmsPerHost.ToString(CultureInfo.InvariantCulture), "--latency", $"{latencyMs}ms",
            "--speed", speed.ToString(CultureInfo.InvariantCulture), "--user", "sim", "--password", password,
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The simulator did not start.");
        var standalone = new List<(string, string)>();
        var clusters = new List<(string, string)>();
        string? thumbprint = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (EndpointLine().Match(line) is { Success: true } match)
            {
                var role = match.Groups[3].Value;
                if (role == "standalone")
                {
                    standalone.Add((match.Groups[1].Value, match.Groups[2].Value));
                }
                else if (role == "cluster")
                {
                    clusters.Add((match.Groups[1].Value, match.Groups[2].Value));
                }
            }
            else if (line.StartsWith("Certificate SHA-256 thumbprint: ", StringComparison.Ordinal))
            {
                thumbprint = line["Certificate SHA-256 thumbprint: ".Length..].Trim();
            }
            else if (line.StartsWith("Basic authentication as", StringComparison.Ordinal))
            {
                // Drain the rest so the child never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new SimulatorProcess(process, standalone, clusters, thumbprint ?? throw new InvalidOperationException("The simulator printed no certificate thumbprint."));
            }
        }

        var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        throw new InvalidOperationException($"The simulator stopped before serving: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^(\S+)\s+(https://\S+)\s+\((standalone|cluster|node of)")]
    private static partial Regex EndpointLine();
}
