using System.Diagnostics;
using System.Globalization;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostSimulator.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CheckpointDashboard.Benchmarks.Soak;

/// <summary>
/// The issue-8 soak: the real dashboard (Kestrel on loopback, SQLite store, job service) on a simulated fleet of 200
/// hosts reached over WS-Management/HTTPS, refreshed every 10 s, for 30 minutes, with random checkpoint jobs at a
/// steady rate, a few hosts flapping and a signed-in client loading pages and API answers every second. Every minute it
/// samples the managed heap after a full collection, the working set, the snapshot version, the jobs and the hosts'
/// states. It passes when the managed heap is flat within 10% (the mean of the last samples against the mean of the
/// first ones after a 2-minute warm-up) and nothing unhandled happened: no error-level log entry, no unobserved task
/// exception, no unhandled exception, no failed page load.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/Benchmarks -- soak [--minutes 30] [--hosts 200] [--refresh-seconds 10]
/// [--vms-per-host 10] [--jobs-per-minute 30] [--flapping 4] [--sample-seconds 60]</c>.
/// </remarks>
internal static class SoakBenchmark
{
    private static readonly TimeSpan s_warmUp = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(string[] args)
    {
        // WebApplicationFactory finds the dashboard's content root relative to the working directory (see BenchmarkApp).
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var minutes = Option(args, "--minutes", 30);
        var hostCount = Option(args, "--hosts", 200);
        var refreshSeconds = Option(args, "--refresh-seconds", 10);
        var vmsPerHost = Option(args, "--vms-per-host", 10);
        var jobsPerMinute = Option(args, "--jobs-per-minute", 30);
        var flappingCount = Option(args, "--flapping", 4);
        var sampleEvery = TimeSpan.FromSeconds(Option(args, "--sample-seconds", 60));
        var duration = TimeSpan.FromMinutes(minutes);
        var store = Path.Combine(Path.GetTempPath(), "cpd-bench-soak", Guid.NewGuid().ToString("N"));

        using var errors = new SoakErrorCounter();
        var app = new App(errors, new Dictionary<string, string?>
        {
            ["Simulator:Hosts"] = hostCount.ToString(CultureInfo.InvariantCulture),
            ["Simulator:VmsPerHost"] = vmsPerHost.ToString(CultureInfo.InvariantCulture),
            ["Simulator:Speed"] = "10",
            ["Fleet:RefreshInterval"] = TimeSpan.FromSeconds(refreshSeconds).ToString("c", CultureInfo.InvariantCulture),
            ["Store:DataDirectory"] = store,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:LogLevel:Default"] = "Error",
            ["Auth:BootstrapAdmin:UserName"] = BenchmarkApp.UserName,
            ["Auth:BootstrapAdmin:Password"] = BenchmarkApp.Password,
        });
        var samples = new List<Sample>();
        SoakJobs jobs;
        SoakClient client;
        SoakFlapper flapper;
        var watch = Stopwatch.StartNew();
        try
        {
            app.UseKestrel(0);
            app.StartServer();
            var services = app.Services;
            var inventory = services.GetRequiredService<IFleetInventory>();
            var fleet = services.GetRequiredService<SimulatedFleet>();
            Console.WriteLine($"Soak: {fleet.Hosts.Count} simulated hosts over WS-Management/HTTPS, about {vmsPerHost} VMs each, refreshed every {refreshSeconds} s, " +
                $"{jobsPerMinute} jobs a minute, {flappingCount} hosts flapping, {minutes} min; {Environment.ProcessorCount} cores.");
            await BenchmarkApp.WaitAsync(inventory, s => s.Hosts.Length == fleet.Hosts.Count && s.Hosts.All(h => h.State == HostState.Online), TimeSpan.FromMinutes(5));
            Console.WriteLine($"First full inventory: {watch.Elapsed.TotalSeconds:F1} s, {inventory.Current.Vms.Length} VMs.");

            using var http = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            await BenchmarkApp.SignInAsync(http);
            var flapping = fleet.StandaloneHosts.OrderBy(h => h.Name, StringComparer.Ordinal).Take(flappingCount).ToList();
            jobs = new SoakJobs(services.GetRequiredService<IJobService>(), inventory,
                flapping.Select(h => h.Name).ToHashSet(StringComparer.OrdinalIgnoreCase), BenchmarkApp.UserName, seed: 8);
            client = new SoakClient(http);
            flapper = new SoakFlapper(flapping, seed: 8);

            using var stop = new CancellationTokenSource();
            var load = new[]
            {
                jobs.WatchAsync(stop.Token),
                jobs.SubmitAsync(TimeSpan.FromMinutes(1) / jobsPerMinute, stop.Token),
                client.RunAsync(stop.Token),
                flapper.RunAsync(stop.Token),
            };
            watch.Restart();
            using (var timer = new PeriodicTimer(sampleEvery))
            {
                while (watch.Elapsed < duration - TimeSpan.FromSeconds(1) && await timer.WaitForNextTickAsync())
                {
                    var sample = Sample.Take(watch.Elapsed, refreshSeconds + 1, inventory, jobs, client, errors);
                    samples.Add(sample);
                    Console.WriteLine(sample.Line());
                }
            }

            await stop.CancelAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromMinutes(1));

            // Let the jobs in flight finish, so the totals add up.
            var drain = Stopwatch.StartNew();
            while (services.GetRequiredService<IJobService>().Active.Count > 0 && drain.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            Console.WriteLine();
            Console.WriteLine("| t | managed heap after GC | working set | snapshot | checkpoints in the fleet | jobs started / finished / failed | hosts online / offline / connecting | subscribers | page loads | errors |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var sample in samples)
            {
                Console.WriteLine(sample.Row());
            }
        }
        finally
        {
            await app.DisposeAsync();
            try
            {
                Directory.Delete(store, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        // Memory flat: the mean of the last third of the samples after the warm-up against the mean of the first third.
        var measured = samples.Where(s => s.At > s_warmUp).ToList();
        var window = Math.Max(1, measured.Count / 3);
        var firstHeap = measured.Count == 0 ? 0 : measured.Take(window).Average(s => (double)s.Heap);
        var lastHeap = measured.Count == 0 ? 0 : measured.TakeLast(window).Average(s => (double)s.Heap);
        var growth = firstHeap == 0 ? double.NaN : (lastHeap - firstHeap) / firstHeap;
        var firstSet = measured.Count == 0 ? 0 : measured.Take(window).Average(s => (double)s.WorkingSet);
        var lastSet = measured.Count == 0 ? 0 : measured.TakeLast(window).Average(s => (double)s.WorkingSet);
        var flat = measured.Count > 0 && growth <= 0.10;

        // The trend, for a leak too slow for the two ends to show: least-squares slope of the retained heap over time.
        var slope = Slope(measured.Select(m => (m.At.TotalMinutes, m.Heap / 1048576.0)).ToList());
        var clean = errors.Total == 0 && client.Failures == 0;

        Console.WriteLine();
        Console.WriteLine("| Figure | Value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| Duration | {duration.TotalMinutes:F0} min, {samples.Count} samples ({measured.Count} after the {s_warmUp.TotalMinutes:F0}-minute warm-up, {window} averaged at each end) |");
        Console.WriteLine($"| Retained managed heap (lowest of {refreshSeconds + 1} full collections a second apart), first → last (mean) | {Mb(firstHeap)} → {Mb(lastHeap)} MB ({growth:+0.0%;-0.0%}; limit +10%) |");
        Console.WriteLine($"| Retained heap trend (least squares) | {slope:+0.00;-0.00} MB per minute |");
        Console.WriteLine($"| Working set, first → last (mean) | {Mb(firstSet)} → {Mb(lastSet)} MB |");
        Console.WriteLine($"| Snapshots published | {samples.LastOrDefault()?.Version ?? 0} |");
        Console.WriteLine($"| Jobs submitted / refused / started / finished / failed | {jobs.Submitted} / {jobs.Rejected} / {jobs.Started} / {jobs.Finished} / {jobs.Failed} ({jobs.DescribeProblems()}) |");
        Console.WriteLine($"| Host outages injected | {flapper.Downs} on {flappingCount} hosts |");
        Console.WriteLine($"| Pages and API | {client.Describe()}, {client.Failures} failed |");
        Console.WriteLine($"| Unhandled errors: error logs / unobserved tasks / unhandled | {errors.Logged} / {errors.Unobserved} / {errors.Unhandled} ({errors.Warnings} warnings) |");
        foreach (var example in errors.Examples)
        {
            Console.WriteLine($"  - {example}");
        }

        if (client.LastFailure is { } failure)
        {
            Console.WriteLine($"  - last failed load: {failure}");
        }

        if (jobs.LastProblem is { } problem)
        {
            Console.WriteLine($"  - last job problem: {problem}");
        }

        var pass = flat && clean;
        Console.WriteLine(pass
            ? "PASS: managed memory flat within 10%, no unhandled errors."
            : $"FAIL:{(flat ? string.Empty : " managed memory grew more than 10% (or too few samples after the warm-up).")}{(clean ? string.Empty : " unhandled errors or failed page loads.")}");
        return pass ? 0 : 1;
    }

    private static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("F1", CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    private static double Slope(List<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return double.NaN;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return variance == 0 ? double.NaN : covariance / variance;
    }

    private sealed record Sample(
        TimeSpan At, long Heap, long WorkingSet, long Version, int Checkpoints, int Started, int Finished, int Failed,
        int Online, int Offline, int Connecting, int Subscribers, int Loads, int Errors)
    {
        public static Sample Take(TimeSpan at, int collections, IFleetInventory inventory, SoakJobs jobs, SoakClient client, SoakErrorCounter errors)
        {
            // What stays retained: the lowest of full collections a second apart for as long as a refresh interval, so
            // what is in flight at one instant does not count as growth. Up to Fleet:MaxConcurrency hosts are read at once,
            // each holding its parsed instances, and the runs of three readings a second apart that this replaced still
            // swung by ±10 MB whenever all three fell inside a refresh.
            var heap = long.MaxValue;
            for (var i = 0; i < collections; i++)
            {
                if (i > 0)
                {
                    Thread.Sleep(1000);
                }

                // The heap as that collection left it (its size less its free space), not GC.GetTotalMemory afterwards:
                // that also counts whatever the dashboard's other threads allocated between the collection and the call,
                // which at a high job rate grew with the work in flight rather than with anything retained.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                var collection = GC.GetGCMemoryInfo(GCKind.FullBlocking);
                heap = Math.Min(heap, collection.HeapSizeBytes - collection.FragmentedBytes);
            }

            using var process = Process.GetCurrentProcess();
            var snapshot = inventory.Current;
            return new Sample(at, heap, process.WorkingSet64, snapshot.Version, snapshot.Totals.Checkpoints, jobs.Started, jobs.Finished, jobs.Failed,
                snapshot.Hosts.Count(h => h.State == HostState.Online), snapshot.Hosts.Count(h => h.State == HostState.Offline),
                snapshot.Hosts.Count(h => h.State == HostState.Connecting), (inventory as FleetInventory)?.SubscriberCount ?? -1,
                client.Loads, errors.Total + client.Failures);
        }

        public string Line() =>
            $"{At.TotalMinutes,5:F1} min: heap {Mb(Heap)} MB, working set {Mb(WorkingSet)} MB, snapshot v{Version}, {Checkpoints} checkpoints, jobs {Started}/{Finished}/{Failed}, " +
            $"hosts {Online}/{Offline}/{Connecting}, {Subscribers} subscribers, {Loads} loads, {Errors} errors";

        public string Row() =>
            $"| {At.TotalMinutes:F1} min | {Mb(Heap)} MB | {Mb(WorkingSet)} MB | v{Version} | {Checkpoints} | {Started} / {Finished} / {Failed} | {Online} / {Offline} / {Connecting} | {Subscribers} | {Loads} | {Errors} |";
    }

    private sealed class App(SoakErrorCounter errors, Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
            builder.ConfigureLogging(logging => logging.AddProvider(errors));
        }
    }
}
