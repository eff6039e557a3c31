namespace CheckpointDashboard.Shared.Audit;

/// <summary>The audit trail, kept in the store.</summary>
public interface IAuditLog
{
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
