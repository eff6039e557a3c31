using System.Globalization;
using CheckpointDashboard.Shared.Reports;
using CsvHelper;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>The report's rows as CSV: one line per checkpoint, invariant culture, ISO 8601 UTC times.</summary>
public static class CheckpointCsv
{
    /// <summary>The columns, the first ten being the ones the issue promises and scripts rely on.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "vm", "host", "cluster", "checkpoint", "kind", "created", "ageDays", "depth", "sizeBytes", "findings",
        "vmId", "checkpointId", "parentId", "automatic", "savedState", "storage",
    ];

    // CSV injection, as in the audit export: VM and checkpoint names are text other people wrote, and a spreadsheet runs a
    // cell that starts with =, +, - or @ as a formula. Escape puts an apostrophe in front; the BOM makes Excel read UTF-8.
    private static readonly CsvWriterOptions s_options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public static async Task WriteAsync(Stream stream, CheckpointReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var csv = CsvWriter.Create(stream, s_options, leaveOpen: true);
        await csv.WriteRecordAsync([.. Columns], cancellationToken);
        foreach (var row in report.Rows)
        {
            await csv.WriteRecordAsync(Cells(row), cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>One row's cells in <see cref="Columns"/> order, as text (shared with the workbook's text columns).</summary>
    internal static string?[] Cells(ReportRow row) =>
    [
        row.Vm,
        row.Host,
        row.Cluster,
        row.Checkpoint,
        row.Kind.ToString(),
        Iso(row.Created),
        row.AgeDays.ToString("0.0", CultureInfo.InvariantCulture),
        row.Depth.ToString(CultureInfo.InvariantCulture),
        row.SizeBytes.ToString(CultureInfo.InvariantCulture),
        string.Join(';', row.Findings.IsDefault ? [] : row.Findings),
        row.VmId.ToString(),
        row.CheckpointId.ToString(),
        row.ParentId?.ToString(),
        row.IsAutomatic ? "true" : "false",
        row.HasSavedState ? "true" : "false",
        row.Storage,
    ];

    internal static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
