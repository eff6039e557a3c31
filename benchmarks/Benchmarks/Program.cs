using BenchmarkDotNet.Running;
using CheckpointDashboard.Benchmarks.Bulk;
using CheckpointDashboard.Benchmarks.Reports;

namespace CheckpointDashboard.Benchmarks;

/// <summary>
/// Micro-benchmarks (BenchmarkDotNet). Run all: <c>dotnet run -c Release --project benchmarks/Benchmarks</c>, or one
/// group: <c>… -- --filter '*WsManParse*'</c>. End-to-end scenarios (plain timings of the real app, compared with a bound
/// measured in the same run): <c>… -- bulk</c>; the report engine and its exports at 20,000 VMs: <c>… -- reports</c>.
/// </summary>
/// <remarks>Not a top-level program: the dashboard's own <c>Program</c> class is the one the scenarios host.</remarks>
internal static class EntryPoint
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "bulk")
        {
            return await BulkBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "fleet")
        {
            return await Fleet.FleetBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "progress")
        {
            return await Progress.ProgressBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "grid")
        {
            return await Grid.GridBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "soak")
        {
            return await Soak.SoakBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "reports")
        {
            return await ReportsBenchmark.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(EntryPoint).Assembly).Run(args);
        return 0;
    }
}
