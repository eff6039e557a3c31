namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>What one digest run wrote and sent.</summary>
/// <param name="Findings">Findings of the report, every severity.</param>
/// <param name="Files">The files written, full paths.</param>
public sealed record DigestResult(
    DateTimeOffset GeneratedAt,
    long SnapshotVersion,
    int Findings,
    IReadOnlyList<string> Files,
    IReadOnlyList<WebhookDelivery> Webhooks);
