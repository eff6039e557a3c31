using System.Collections.Immutable;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>One checkpoint of the report: the drill-down level, and the row of the CSV and XLSX exports.</summary>
/// <param name="AgeDays">Age at the report's time in days, rounded to one decimal.</param>
/// <param name="Depth">Position in its chain: 1 for a root checkpoint, 2 for its child, and so on.</param>
/// <param name="SizeBytes">Bytes of the differencing disks the checkpoint holds (known sizes only).</param>
/// <param name="Storage">The storage location of the disks it holds (the first one's), or null when it holds none.</param>
/// <param name="Findings">Ids of the rules this checkpoint itself breaks (VM-wide rules are on the VM's summary).</param>
public sealed record ReportRow(
    string Vm,
    Guid VmId,
    string Host,
    string? Cluster,
    string Checkpoint,
    Guid CheckpointId,
    Guid? ParentId,
    CheckpointKind Kind,
    bool IsAutomatic,
    bool HasSavedState,
    DateTimeOffset Created,
    double AgeDays,
    int Depth,
    long SizeBytes,
    string? Storage,
    ImmutableArray<string> Findings);
