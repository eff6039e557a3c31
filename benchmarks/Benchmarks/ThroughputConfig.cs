using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CheckpointDashboard.Benchmarks;

/// <summary>Adds MB/s of SOAP parsed and allocated bytes per CIM instance to the parse benchmarks' table.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    // BenchmarkDotNet runs each case in its own process; the setup writes the payload figures to a file the
    // columns read back in the host process when the table is printed.
    private static readonly string s_file = Path.Combine(Path.GetTempPath(), "checkpointdashboard-parse-payloads.txt");

    public ThroughputConfig()
    {
        AddColumn(new PayloadColumn("Payload", (bytes, instances, _) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB / {instances} inst")));
        AddColumn(new PayloadColumn("MB/s", (bytes, _, report) =>
            report.ResultStatistics is { } stats
                ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_000_000.0 / (stats.Mean / 1e9):0}")
                : "?"));
        AddColumn(new PayloadColumn("Alloc/inst", (_, instances, report) =>
            report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } allocated && instances > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{allocated / (double)instances:0} B")
                : "?"));
    }

    public static void Record(string className, int bytes, int instances) =>
        File.AppendAllText(s_file, string.Create(CultureInfo.InvariantCulture, $"{className}\t{bytes}\t{instances}\n"));

    private static (int Bytes, int Instances)? Lookup(string className)
    {
        if (!File.Exists(s_file))
        {
            return null;
        }

        var last = File.ReadAllLines(s_file).Select(l => l.Split('\t')).LastOrDefault(p => p.Length == 3 && p[0] == className);
        return last is null ? null : (int.Parse(last[1], CultureInfo.InvariantCulture), int.Parse(last[2], CultureInfo.InvariantCulture));
    }

    private sealed class PayloadColumn(string name, Func<int, int, BenchmarkReport, string> format) : IColumn
    {
        private static readonly ConcurrentDictionary<string, (int, int)?> s_cache = new();

        public string Id => "Throughput." + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => false;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => name switch
        {
            "MB/s" => "Megabytes of SOAP response parsed per second",
            "Alloc/inst" => "Bytes allocated per CIM instance parsed",
            _ => "Size of the captured response and its instance count",
        };

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var className = benchmarkCase.Parameters["Class"]?.ToString() ?? string.Empty;
            var report = summary[benchmarkCase];
            var figures = s_cache.GetOrAdd(className, Lookup);
            return report is null || figures is not { } f ? "?" : format(f.Item1, f.Item2, report);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
