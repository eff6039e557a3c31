namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>The <c>Reports:Digest</c> section: the scheduled report files and the alerts sent to webhooks.</summary>
public sealed class DigestOptions
{
    /// <summary>Off by default: the digest writes files every day, which an operator should choose to have.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the digest runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The time of day (the server's local time zone) of the first run; later runs follow every <see cref="Interval"/>.
    /// Null: the first run is one interval after the start.
    /// </summary>
    public TimeSpan? At { get; set; }

    /// <summary>Where the report files go; relative paths are under the content root. Default: <c>{Store:DataDirectory}/reports</c>.</summary>
    public string? Folder { get; set; }

    /// <summary>How long one webhook call may take, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a webhook call that failed with a server error or no answer.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>The wait before the first retry; it doubles for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public WebhookOptions[] Webhooks { get; set; } = [];
}
