namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>The body a webhook receives.</summary>
public enum WebhookFormat
{
    /// <summary>A plain JSON object: <c>title</c>, <c>summary</c>, <c>counts</c>, <c>findings</c>.</summary>
    Generic,

    /// <summary>A Slack incoming-webhook message (<c>text</c> and mrkdwn <c>blocks</c>).</summary>
    Slack,

    /// <summary>A Microsoft Teams message carrying an Adaptive Card.</summary>
    Teams,
}
