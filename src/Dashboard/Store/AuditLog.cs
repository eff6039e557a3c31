using CheckpointDashboard.Shared.Audit;
using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>The audit trail in the store.</summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> contexts) : IAuditLog
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditRecord
        {
            At = entry.At,
            User = entry.User,
            Action = entry.Action,
            VmId = entry.VmId,
            VmName = entry.VmName,
            Host = entry.Host,
            Target = entry.Target,
            Parameters = entry.Parameters,
            Outcome = entry.Outcome,
            Detail = entry.Detail,
            JobId = entry.JobId,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Audit.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            rows = rows.Where(a => a.User == query.User);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            rows = rows.Where(a => a.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.Outcome))
        {
            rows = rows.Where(a => a.Outcome == query.Outcome);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{query.Search.Trim()}%";
            rows = rows.Where(a => EF.Functions.Like(a.VmName, pattern) || EF.Functions.Like(a.Host, pattern) ||
                                   EF.Functions.Like(a.Target, pattern) || EF.Functions.Like(a.Detail, pattern));
        }

        if (query.Since is { } since)
        {
            rows = rows.Where(a => a.At >= since);
        }

        if (query.Until is { } until)
        {
            rows = rows.Where(a => a.At <= until);
        }

        var limit = Math.Clamp(query.Limit, 1, 100_000);
        var found = await rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. found.Select(a => new AuditEntry
        {
            Id = a.Id,
            At = a.At,
            User = a.User,
            Action = a.Action,
            VmId = a.VmId,
            VmName = a.VmName,
            Host = a.Host,
            Target = a.Target,
            Parameters = a.Parameters,
            Outcome = a.Outcome,
            Detail = a.Detail,
            JobId = a.JobId,
        })];
    }
}
