using System.Diagnostics;
using CheckpointDashboard.HostSimulator.Model;

namespace CheckpointDashboard.Benchmarks.Soak;

/// <summary>
/// Takes a few simulated hosts down and brings them back, over and over: each stays up for 30-90 s, then fails for
/// 15-60 s in one of the ways real hosts do (refused connections, hanging, failing every request, answering slower than
/// the host timeout, answering garbage, rejecting the credentials). Every host is healthy again when it stops.
/// </summary>
internal sealed class SoakFlapper(IReadOnlyList<SimulatedHost> hosts, int seed)
{
    private static readonly HostFaults[] s_faults =
    [
        new() { Unreachable = true },
        new() { Hang = true },
        new() { ErrorRate = 1 },
        new() { Latency = TimeSpan.FromSeconds(45) },
        new() { Malformed = true },
        new() { RejectCredentials = true },
    ];

    private int _downs;

    /// <summary>How many times a host went down.</summary>
    public int Downs => Volatile.Read(ref _downs);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
#pragma warning disable CA5394 // A reproducible workload, not security.
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var next = hosts.ToDictionary(h => h, _ => TimeSpan.FromSeconds(random.Next(10, 60)));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var host in hosts.Where(h => next[h] <= clock.Elapsed))
                {
                    if (host.Faults.Any)
                    {
                        host.Faults = HostFaults.None;
                        next[host] = clock.Elapsed + TimeSpan.FromSeconds(random.Next(30, 91));
                    }
                    else
                    {
                        host.Faults = s_faults[random.Next(s_faults.Length)];
                        next[host] = clock.Elapsed + TimeSpan.FromSeconds(random.Next(15, 61));
                        Interlocked.Increment(ref _downs);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Faults = HostFaults.None;
            }
        }
#pragma warning restore CA5394
    }
}
