using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>One receiver of the digest's alert (<c>Reports:Digest:Webhooks:{n}</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>A name for logs and the audit trail; the URL is never written anywhere, because it holds the secret.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Where to POST; https, or http to a loopback address only.</summary>
    public string Url { get; set; } = string.Empty;

    public WebhookFormat Format { get; set; } = WebhookFormat.Generic;

    /// <summary>Findings below this severity are not sent; nothing left means no call at all.</summary>
    public FindingSeverity MinimumSeverity { get; set; } = FindingSeverity.Warning;
}
