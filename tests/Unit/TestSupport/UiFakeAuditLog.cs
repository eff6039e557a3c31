using CheckpointDashboard.Shared.Audit;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>A hand-written audit log for component tests: records every query, answers with the entries a test gives.</summary>
internal sealed class UiFakeAuditLog : IAuditLog
{
    private readonly Lock _gate = new();

    public List<AuditEntry> Entries { get; } = [];

    public List<AuditQuery> Queries { get; } = [];

    public AuditQuery? LastQuery
    {
        get
        {
            lock (_gate)
            {
                return Queries.Count == 0 ? null : Queries[^1];
            }
        }
    }

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Queries.Add(query);
            IReadOnlyList<AuditEntry> result = [.. Entries.Where(e => query.User is null || e.User == query.User).Take(query.Limit)];
            return Task.FromResult(result);
        }
    }
}
