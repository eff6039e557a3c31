using CheckpointDashboard.Shared.Audit;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>A hand-written audit log: returns the entries a test gives it and records every query and write.</summary>
internal sealed class FakeAuditLog : IAuditLog
{
    private readonly Lock _gate = new();
    private readonly List<AuditQuery> _queries = [];
    private readonly List<AuditEntry> _written = [];

    /// <summary>What QueryAsync returns, whatever the filters (filtering is the store's job, not the API's).</summary>
    public List<AuditEntry> Entries { get; } = [];

    public IReadOnlyList<AuditQuery> Queries
    {
        get
        {
            lock (_gate)
            {
                return [.. _queries];
            }
        }
    }

    public IReadOnlyList<AuditEntry> Written
    {
        get
        {
            lock (_gate)
            {
                return [.. _written];
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _queries.Clear();
            _written.Clear();
            Entries.Clear();
        }
    }

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _written.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _queries.Add(query);
            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. Entries]);
        }
    }
}
