using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Reports;
using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>The trend samples in the store: appended by <see cref="HistorySampler"/>, thinned by <see cref="CompactAsync"/>.</summary>
public sealed class TrendStore(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task AppendAsync(IReadOnlyList<InventorySummary> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.InventorySummaries.AddRange(samples.Select(ToRecord));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Samples taken at or after <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<InventorySummary>> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.InventorySummaries.AsNoTracking().Where(s => s.At >= since)
            .OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return [.. records.Select(ToSummary)];
    }

    /// <summary>
    /// Thins the samples older than <paramref name="keepEverything"/> with <see cref="TrendCompactor"/>: the old rows are
    /// deleted and their compacted form written in one transaction, so a reader never sees a day half compacted.
    /// </summary>
    /// <returns>How many rows were removed (deleted minus rewritten).</returns>
    public async Task<int> CompactAsync(DateTimeOffset now, TimeSpan keepEverything, TimeSpan keepDaily, CancellationToken cancellationToken)
    {
        var recentFrom = now - keepEverything;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = await db.InventorySummaries.Where(s => s.At < recentFrom).ToListAsync(cancellationToken);
        var compacted = TrendCompactor.Compact(old.Select(ToSummary), now, keepEverything, keepDaily);
        if (compacted.Length == old.Count)
        {
            // Already compacted (the compactor is idempotent): nothing to rewrite.
            return 0;
        }

        db.InventorySummaries.RemoveRange(old);
        db.InventorySummaries.AddRange(compacted.Select(ToRecord));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return old.Count - compacted.Length;
    }

    private static InventorySummaryRecord ToRecord(InventorySummary s) => new()
    {
        At = s.At,
        Cluster = s.Cluster,
        Vms = s.Vms,
        Checkpoints = s.Checkpoints,
        CheckpointBytes = s.CheckpointBytes,
        Findings = s.Findings,
        Critical = s.Critical,
        MaxCheckpoints = s.MaxCheckpoints,
        Added = s.Added,
        Removed = s.Removed,
    };

    private static InventorySummary ToSummary(InventorySummaryRecord r) =>
        new(r.At, r.Cluster, r.Vms, r.Checkpoints, r.CheckpointBytes, r.Findings, r.Critical, r.MaxCheckpoints, r.Added, r.Removed);
}
