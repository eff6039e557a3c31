using CheckpointDashboard.Shared.Reports;
using ClosedXML.Excel;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>
/// The report as an XLSX workbook: Checkpoints (the CSV's columns), Findings, By cluster, By host and By storage; each
/// sheet with a bold, frozen header row and an autofilter.
/// </summary>
public static class CheckpointWorkbook
{
    public static IReadOnlyList<string> SheetNames { get; } = ["Checkpoints", "Findings", "By cluster", "By host", "By storage"];

    private static readonly string[] s_findingColumns =
        ["severity", "rule", "cluster", "host", "vm", "checkpoint", "file", "storage", "value", "message"];

    private static readonly string[] s_rollUpColumns =
    [
        "name", "cluster", "host", "vms", "vmsWithCheckpoints", "checkpoints", "bytes", "oldestAgeDays", "maxDepth",
        "orphanFiles", "orphanBytes", "info", "warning", "critical",
    ];

    // Text columns of the Checkpoints sheet: everything but created (5), ageDays (6), depth (7) and sizeBytes (8).
    private static readonly int[] s_numberColumns = [6, 7, 8];

    /// <summary>Writes the workbook to <paramref name="stream"/> (synchronously: ClosedXML has no async save).</summary>
    public static void Write(Stream stream, CheckpointReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var workbook = new XLWorkbook();
        var checkpoints = Sheet(workbook, SheetNames[0], CheckpointCsv.Columns);
        var r = 2;
        foreach (var row in report.Rows)
        {
            var cells = CheckpointCsv.Cells(row);
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = checkpoints.Cell(r, c + 1);
                if (c == 5)
                {
                    cell.SetValue(row.Created.UtcDateTime).Style.DateFormat.Format = "yyyy-mm-dd hh:mm:ss";
                }
                else if (s_numberColumns.Contains(c))
                {
                    cell.SetValue(c switch { 6 => row.AgeDays, 7 => (double)row.Depth, _ => (double)row.SizeBytes });
                }
                else
                {
                    Text(cell, cells[c]);
                }
            }

            r++;
        }

        Finish(checkpoints, CheckpointCsv.Columns.Count, r - 1);
        var findings = Sheet(workbook, SheetNames[1], s_findingColumns);
        r = 2;
        foreach (var f in report.Findings)
        {
            string?[] text = [f.Severity.ToString(), f.RuleId, f.Cluster, f.Host, f.VmName, f.CheckpointName, f.FilePath, f.Storage];
            for (var c = 0; c < text.Length; c++)
            {
                Text(findings.Cell(r, c + 1), text[c]);
            }

            if (f.Value is { } value)
            {
                findings.Cell(r, 9).SetValue(value);
            }

            Text(findings.Cell(r, 10), f.Message);
            r++;
        }

        Finish(findings, s_findingColumns.Length, r - 1);
        RollUps(workbook, SheetNames[2], report.ByCluster);
        RollUps(workbook, SheetNames[3], report.ByHost);
        RollUps(workbook, SheetNames[4], report.ByStorage);
        workbook.SaveAs(stream);
    }

    private static void RollUps(XLWorkbook workbook, string name, IEnumerable<ReportRollUp> rollUps)
    {
        var sheet = Sheet(workbook, name, s_rollUpColumns);
        var r = 2;
        foreach (var g in rollUps)
        {
            Text(sheet.Cell(r, 1), g.Name);
            Text(sheet.Cell(r, 2), g.Cluster);
            Text(sheet.Cell(r, 3), g.Host);
            double?[] numbers = [g.Vms, g.VmsWithCheckpoints, g.Checkpoints, g.Bytes, g.OldestAgeDays, g.MaxDepth, g.OrphanFiles, g.OrphanBytes, g.Info, g.Warning, g.Critical];
            for (var c = 0; c < numbers.Length; c++)
            {
                if (numbers[c] is { } number)
                {
                    sheet.Cell(r, c + 4).SetValue(number);
                }
            }

            r++;
        }

        Finish(sheet, s_rollUpColumns.Length, r - 1);
    }

    private static IXLWorksheet Sheet(XLWorkbook workbook, string name, IReadOnlyList<string> columns)
    {
        var sheet = workbook.Worksheets.Add(name);
        for (var c = 0; c < columns.Count; c++)
        {
            Text(sheet.Cell(1, c + 1), columns[c]);
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        return sheet;
    }

    /// <summary>Autofilter over the header and the rows, and fixed widths (measuring text needs fonts a server may not have).</summary>
    private static void Finish(IXLWorksheet sheet, int columns, int lastRow)
    {
        sheet.Range(1, 1, Math.Max(lastRow, 1), columns).SetAutoFilter();
        sheet.Columns(1, columns).Width = 18;
    }

    /// <summary>
    /// Text stays text: names are written by other people, and a cell that starts with = must not become a formula
    /// (or a number, date or boolean by guessing).
    /// </summary>
    private static void Text(IXLCell cell, string? value)
    {
        if (value is not null)
        {
            cell.SetValue(value).SetDataType(XLDataType.Text);
        }
    }
}
