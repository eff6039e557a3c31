using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>
/// The checkpoint age and sprawl report over the live inventory (no host round trips: orphan scans come from the
/// inventory's own disk-file scans), the rules it applies (configuration defaults, overridden by what an operator
/// saved in the store), and the recorded history for trends. Used by the /reports page, the Fleet overview, the API,
/// the exports and the scheduled digests alike, so they always agree.
/// </summary>
public interface IReportService
{
    /// <summary>The rules in force now.</summary>
    ReportRules Rules { get; }

    /// <summary>The rules in force with their version and who saved them (a default keeps fakes that only know the rules working).</summary>
    ReportRulesState RulesState => new(Rules, 0, null, null);

    /// <summary>The report over the current inventory snapshot and <paramref name="filter"/> (null: everything).</summary>
    /// <exception cref="Shared.Jobs.JobRejectedException">The filter is invalid (Invalid), naming the problem.</exception>
    CheckpointReport Build(ReportFilter? filter = null);

    /// <summary>
    /// Saves new rules (thresholds, severities, exclusions); later reports use them. With <paramref name="expectedVersion"/>
    /// (the <see cref="ReportRulesState.Version"/> the editor started from), a save over someone else's newer one is refused.
    /// </summary>
    /// <exception cref="Shared.Jobs.JobRejectedException">Invalid rules (Invalid), every problem named; a stale version (Conflict).</exception>
    Task<ReportRules> SaveRulesAsync(ReportRules rules, string user, int? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Recorded summaries (per cluster; null cluster = standalone hosts) of the last <paramref name="days"/> days, oldest first.</summary>
    Task<IReadOnlyList<InventorySummary>> HistoryAsync(int days, CancellationToken cancellationToken);

    /// <summary>Raised after the rules changed, so open pages rebuild.</summary>
    event EventHandler? RulesChanged;
}
