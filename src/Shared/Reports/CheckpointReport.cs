using System.Collections.Immutable;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// The checkpoint age and sprawl audit of one fleet snapshot: findings, roll-ups from fleet to VM, the age
/// histogram, the worst offenders and one row per checkpoint. Immutable; built by <see cref="CheckpointReporter"/>.
/// </summary>
/// <param name="GeneratedAt">The time ages are measured at.</param>
/// <param name="SnapshotVersion">The inventory snapshot's version the report was computed from.</param>
/// <param name="Rules">The rules used.</param>
/// <param name="Filter">The filter applied.</param>
/// <param name="FoldersListed">False when no folder listings were given, so orphaned disks could not be looked for.</param>
/// <param name="Findings">Most severe first, then by cluster, host, VM and rule.</param>
/// <param name="Fleet">The figures of everything the filter covers.</param>
/// <param name="ByCluster">One per cluster, by name; the standalone hosts are the entry with a null cluster, last.</param>
/// <param name="ByHost">One per host, by name, including hosts without VMs.</param>
/// <param name="ByStorage">One per storage location (volume or share) that holds checkpoint disks, most bytes first.</param>
/// <param name="ByVm">One per VM, by cluster, host and name.</param>
/// <param name="TopByBytes">The VMs whose checkpoints hold the most bytes.</param>
/// <param name="TopByCount">The VMs with the most checkpoints.</param>
/// <param name="Rows">One per checkpoint, by cluster, host, VM and creation time.</param>
public sealed record CheckpointReport(
    DateTimeOffset GeneratedAt,
    long SnapshotVersion,
    ReportRules Rules,
    ReportFilter Filter,
    bool FoldersListed,
    ImmutableArray<ReportFinding> Findings,
    ReportRollUp Fleet,
    ImmutableArray<ReportRollUp> ByCluster,
    ImmutableArray<ReportRollUp> ByHost,
    ImmutableArray<ReportRollUp> ByStorage,
    ImmutableArray<VmSummary> ByVm,
    ImmutableArray<AgeBucket> AgeHistogram,
    ImmutableArray<VmSummary> TopByBytes,
    ImmutableArray<VmSummary> TopByCount,
    ImmutableArray<ReportRow> Rows);
