namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>How the digest went for one webhook.</summary>
/// <param name="Target">Scheme, host and port of the URL only: the rest of a webhook URL is its secret.</param>
/// <param name="Findings">Findings at or above the webhook's minimum severity.</param>
/// <param name="Outcome">Sent, Skipped (nothing to send) or Failed.</param>
/// <param name="StatusCode">The receiver's HTTP status, when it answered.</param>
/// <param name="Error">Why it failed, without the URL.</param>
public sealed record WebhookDelivery(
    string Name,
    WebhookFormat Format,
    string Target,
    int Findings,
    string Outcome,
    int? StatusCode,
    string? Error);
