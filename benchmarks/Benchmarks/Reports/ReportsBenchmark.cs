using System.Diagnostics;
using System.Globalization;
using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Benchmarks.Reports;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Benchmarks -- reports [runs]</c>: builds the checkpoint report over a
/// 20,000-VM / 60,000-checkpoint fleet with folder listings (warm-up, then N runs) and prints median, p95, min and the
/// bytes allocated per run against the 1-second target; then times the CSV and XLSX exports of that report.
/// </summary>
internal static class ReportsBenchmark
{
    private static readonly TimeSpan s_target = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10;
        var now = TimeProvider.System.GetUtcNow();
        var (snapshot, folders) = ReportFleet.Build(now);
        Console.WriteLine($"Fleet: {snapshot.Vms.Length:N0} VMs, {snapshot.Totals.Checkpoints:N0} checkpoints, {snapshot.Hosts.Length} hosts, {folders.Length:N0} folder listings; {Environment.ProcessorCount} cores.");

        CheckpointReport report = null!;
        for (var i = 0; i < 2; i++)
        {
            report = CheckpointReporter.Build(snapshot, ReportRules.Default, now, null, folders);
        }

        var times = new List<double>();
        var allocated = new List<long>();
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            report = CheckpointReporter.Build(snapshot, ReportRules.Default, now, null, folders);
            watch.Stop();
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var median = times[times.Count / 2];
        var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
        Console.WriteLine($"CheckpointReporter.Build ({runs} runs): median {median:F0} ms, p95 {p95:F0} ms, min {times[0]:F0} ms, " +
            $"{allocated.Average() / (1024 * 1024):F0} MiB allocated per run; median is {median / s_target.TotalMilliseconds:P0} of the 1 s target.");
        Console.WriteLine($"Report: {report.Rows.Length:N0} rows, {report.Findings.Length:N0} findings, {report.Fleet.OrphanFiles:N0} orphaned files.");

        var csvWatch = Stopwatch.StartNew();
        using (var csv = new MemoryStream())
        {
            await CheckpointCsv.WriteAsync(csv, report, CancellationToken.None);
            csvWatch.Stop();
            Console.WriteLine($"CSV export: {csvWatch.Elapsed.TotalMilliseconds:F0} ms, {csv.Length / (1024 * 1024.0):F1} MiB.");
        }

        var xlsxWatch = Stopwatch.StartNew();
        using (var xlsx = new MemoryStream())
        {
            CheckpointWorkbook.Write(xlsx, report);
            xlsxWatch.Stop();
            Console.WriteLine($"XLSX export: {xlsxWatch.Elapsed.TotalMilliseconds:F0} ms, {xlsx.Length / (1024 * 1024.0):F1} MiB.");
        }

        return median <= s_target.TotalMilliseconds ? 0 : 1;
    }
}
