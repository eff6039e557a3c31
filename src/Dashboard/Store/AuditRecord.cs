namespace CheckpointDashboard.Dashboard.Store;

/// <summary>An audit entry as stored.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string User { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public Guid? VmId { get; set; }

    public string? VmName { get; set; }

    public string? Host { get; set; }

    public string? Target { get; set; }

    public string? Parameters { get; set; }

    public string Outcome { get; set; } = string.Empty;

    public string? Detail { get; set; }

    public Guid? JobId { get; set; }
}
