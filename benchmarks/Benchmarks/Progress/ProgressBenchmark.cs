using System.Diagnostics;
using System.Globalization;
using System.Net;
using CheckpointDashboard.Dashboard.Jobs;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Benchmarks.Progress;

/// <summary>
/// The issue-8 target for live progress, end to end: "job progress, host → browser: under 1 s at the 95th percentile
/// with 50 jobs running and 100 connected clients; no final state lost". The real dashboard (Kestrel on loopback, SQLite
/// store) runs one checkpoint creation on each of 50 simulated hosts, reached over WS-Management/HTTPS with a simulated
/// network latency, while 100 SignalR clients signed in through the form follow all jobs on <c>/hubs/jobs</c>. Every
/// percent a host reaches and every completion is timed to each client (see <see cref="ProgressAnalysis"/>), so the
/// dashboard's poll interval is part of the figure, as it is for a user watching the bar.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/Benchmarks -- progress [--jobs 50] [--clients 100] [--latency-ms 20]
/// [--speed 0.5] [--poll-ms N]</c>. <c>--speed</c> is the simulator's (0.5: a checkpoint takes 4–10 s); without
/// <c>--poll-ms</c> the product's default <c>Jobs:PollInterval</c> is used. The clients run in the server's process
/// and share its cores, which makes the figures worse, not better.
/// </remarks>
internal static class ProgressBenchmark
{
    private static readonly TimeSpan s_target = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var jobCount = BenchmarkApp.Option(args, "--jobs", 50);
        var clientCount = BenchmarkApp.Option(args, "--clients", 100);
        var latencyMs = BenchmarkApp.Option(args, "--latency-ms", 20);
        var speed = BenchmarkApp.Option(args, "--speed", 0.5);
        var pollMs = BenchmarkApp.Option(args, "--poll-ms", 0);
        var store = BenchmarkApp.NewStoreDirectory(args, "progress");

        // One host per job, so the jobs do not queue behind each other on a host and all run at once; a fifth more hosts
        // than jobs, because some generated hosts hold only VMs that cannot take a checkpoint (disabled, Replica).
        var hostCount = jobCount + ((jobCount + 4) / 5);
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:Hosts"] = hostCount.ToString(CultureInfo.InvariantCulture),
            ["Simulator:VmsPerHost"] = "6",
            ["Simulator:Speed"] = speed.ToString(CultureInfo.InvariantCulture),
            ["Simulator:Latency"] = TimeSpan.FromMilliseconds(latencyMs).ToString("c", CultureInfo.InvariantCulture),
            ["Jobs:MaxConcurrentJobs"] = Math.Max(16, jobCount).ToString(CultureInfo.InvariantCulture),
            ["Store:DataDirectory"] = store,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (pollMs > 0)
        {
            settings["Jobs:PollInterval"] = TimeSpan.FromMilliseconds(pollMs).ToString("c", CultureInfo.InvariantCulture);
        }

        await using var app = BenchmarkApp.Start(settings);
        var services = app.Services;
        var inventory = services.GetRequiredService<IFleetInventory>();
        var jobs = services.GetRequiredService<IJobService>();
        var fleet = services.GetRequiredService<SimulatedFleet>();
        var time = services.GetRequiredService<TimeProvider>();
        var poll = services.GetRequiredService<IOptions<JobsOptions>>().Value.PollInterval;

        Console.WriteLine($"Fleet: {hostCount} simulated hosts, speed {speed}, {latencyMs} ms added to every WS-Management request; " +
            $"Jobs:PollInterval {poll.TotalMilliseconds:F0} ms; {Environment.ProcessorCount} cores.");
        var snapshot = await BenchmarkApp.WaitAsync(inventory, s => s.Hosts.Length == hostCount && s.Hosts.All(h => h.State == HostState.Online), TimeSpan.FromMinutes(5));

        // One VM per host that can take a checkpoint, and one more for the warm-up job.
        var eligible = snapshot.Vms
            .Where(v => v.CheckpointType is CheckpointType.Standard or CheckpointType.Production && v.Replication == ReplicationMode.None && v.Activity == VmActivity.None)
            .GroupBy(v => v.Host, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var targets = eligible.Select(g => g.First()).Take(jobCount).ToList();
        var warmUpVm = eligible.Select(g => g.Skip(1).FirstOrDefault()).FirstOrDefault(v => v is not null);
        if (targets.Count < jobCount || warmUpVm is null)
        {
            Console.Error.WriteLine($"Only {targets.Count} hosts have a VM that can take a checkpoint; need {jobCount} (and one more VM for the warm-up).");
            return 2;
        }

        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var http = new HttpClient(handler) { BaseAddress = app.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await BenchmarkApp.SignInAsync(http);

        var connectWatch = Stopwatch.StartNew();
        var clients = new List<ProgressClient>();
        try
        {
            using var connecting = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            foreach (var batch in Enumerable.Range(0, clientCount).Chunk(10))
            {
                clients.AddRange(await Task.WhenAll(batch.Select(_ => ProgressClient.ConnectAsync(app.ClientOptions.BaseAddress, cookies, time, connecting.Token))));
            }

            Console.WriteLine($"{clients.Count} clients connected and subscribed in {connectWatch.Elapsed.TotalSeconds:F1} s.");

            // Warm-up: one job end to end, so first-call costs (JIT, serializers, connection pools) stay out of the figures.
            var warmUp = await jobs.SubmitAsync(new CreateCheckpointRequest(warmUpVm.Id, null), BenchmarkApp.UserName, CancellationToken.None);
            if (!await AllFinishedAsync(clients, [warmUp.Id], TimeSpan.FromMinutes(2)))
            {
                Console.Error.WriteLine("The warm-up job did not reach every client.");
                return 2;
            }

            clients.ForEach(c => c.Clear());

            var runStart = time.GetUtcNow();
            var runWatch = Stopwatch.StartNew();
            var submitted = await Task.WhenAll(targets.Select(vm => jobs.SubmitAsync(new CreateCheckpointRequest(vm.Id, null), BenchmarkApp.UserName, CancellationToken.None)));
            var ids = submitted.Select(j => j.Id).ToList();
            var allArrived = await AllFinishedAsync(clients, ids, TimeSpan.FromMinutes(3));
            var elapsed = runWatch.Elapsed;

            // What the service itself recorded as each job's end, to check every client was told the same.
            var finals = new Dictionary<Guid, JobState>();
            foreach (var id in ids)
            {
                if (await jobs.FindAsync(id, CancellationToken.None) is { IsFinal: true } job)
                {
                    finals[id] = job.State;
                }
            }

            var timelines = targets.Zip(ids, (vm, id) => HostJob(fleet, vm.Id, id, runStart)).OfType<HostTimeline>().ToList();
            var receipts = clients.Select(c => c.Receipts()).ToList();
            var analysis = ProgressAnalysis.Compute(timelines, receipts);
            var finalsReceived = receipts.Sum(r => r.Count(x => x.Finished && finals.TryGetValue(x.JobId, out var state) && state == x.State));
            var finalsExpected = jobCount * clientCount;
            var p95 = ProgressAnalysis.Percentile(analysis.ChangeToClient, 0.95);
            var ratio = p95 / s_target.TotalMilliseconds;
            var pass = allArrived && timelines.Count == jobCount && finals.Count == jobCount && finalsReceived == finalsExpected
                && analysis.Unseen == 0 && ratio < 1;

            Console.WriteLine();
            Console.WriteLine("| Figure | Value |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine($"| Jobs (create checkpoint, one per host) | {jobCount}; {MostAtOnce(timelines)} running on their hosts at once |");
            Console.WriteLine($"| Hyper-V job length: min / max | {timelines.Min(t => t.Duration.TotalSeconds):F1} / {timelines.Max(t => t.Duration.TotalSeconds):F1} s |");
            Console.WriteLine($"| Connected clients (SignalR, WebSockets, cookie sign-in) | {clients.Count} |");
            Console.WriteLine($"| Events delivered (created + progress + finished, all clients) | {clients.Sum(c => c.Delivered):N0} in {elapsed.TotalSeconds:F1} s |");
            Console.WriteLine($"| Host changes × clients measured (percent steps and completions) | {analysis.ChangeToClient.Count:N0} ({analysis.Unseen} never seen, {analysis.Early} early) |");
            Console.WriteLine($"| **Host change → client: p50 / p95 / max** | **{ProgressAnalysis.Describe(analysis.ChangeToClient)}** |");
            Console.WriteLine($"| Completion on host → JobFinished at client: p50 / p95 / max | {ProgressAnalysis.Describe(analysis.FinalToClient)} |");
            Console.WriteLine($"| Progress events, host percent → hub: p50 / p95 / max | {ProgressAnalysis.Describe(analysis.HostToHub)} |");
            Console.WriteLine($"| Progress events, hub → client: p50 / p95 / max | {ProgressAnalysis.Describe(analysis.HubToClient)} |");
            Console.WriteLine($"| Final states received / expected (matching the service's) | {finalsReceived:N0} / {finalsExpected:N0} |");
            Console.WriteLine($"| Ratio p95 / 1 s | {ratio:F2} |");
            Console.WriteLine($"| Result | {(pass ? "PASS" : "FAIL")} |");
            Console.WriteLine(pass
                ? "PASS: progress reaches every client within 1 s at the 95th percentile, and every final state arrived."
                : "FAIL: p95 at or over 1 s, or a final state or progress change did not reach every client.");
            return pass ? 0 : 1;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            BenchmarkApp.DeleteStore(store);
        }
    }

    /// <summary>Waits until every client has received the end of every job in <paramref name="ids"/>; false on timeout.</summary>
    private static async Task<bool> AllFinishedAsync(List<ProgressClient> clients, IReadOnlyList<Guid> ids, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!clients.All(c => c.HasFinished(ids)))
        {
            if (watch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>The Hyper-V job the dashboard's job ran on the simulated host, or null when there was none.</summary>
    private static HostTimeline? HostJob(SimulatedFleet fleet, Guid vmId, Guid jobId, DateTimeOffset since)
    {
        var host = fleet.Hosts.First(h => h.FindVm(vmId) is not null);
        return host.Locked(() => host.Jobs
            .Where(j => j.VmId == vmId && j.JobType == HyperVSchema.JobType.SnapshotVm && j.Submitted >= since)
            .Select(j => (HostTimeline?)new HostTimeline(jobId, j.Submitted, j.Duration))
            .FirstOrDefault());
    }

    /// <summary>The most Hyper-V jobs running at the same moment.</summary>
    private static int MostAtOnce(List<HostTimeline> timelines) => timelines
        .SelectMany(t => new[] { (At: t.Submitted, Delta: 1), (At: t.Completed, Delta: -1) })
        .OrderBy(e => e.At).ThenBy(e => e.Delta)
        .Aggregate((Now: 0, Most: 0), (a, e) => (a.Now + e.Delta, Math.Max(a.Most, a.Now + e.Delta))).Most;
}
