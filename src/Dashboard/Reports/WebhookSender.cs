using System.Globalization;
using System.Text;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>
/// Posts a digest alert to one webhook through the <see cref="ClientName"/> client (timeout and retries configured in
/// <see cref="ReportServiceCollectionExtensions.AddReports"/>). A webhook URL carries its secret in the path or query, so
/// only its scheme, host and port (<see cref="Target"/>) ever reach a log line, a result or the audit trail.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, ILogger<WebhookSender> logger)
{
    public const string ClientName = "ReportWebhooks";

    /// <summary>Never throws for a failed delivery (a broken webhook must not stop the others); only for cancellation.</summary>
    public async Task<WebhookDelivery> SendAsync(WebhookOptions webhook, DigestAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(alert);
        var uri = new Uri(webhook.Url);
        var target = Target(uri);
        if (alert.Total == 0)
        {
            logger.LogInformation("Nothing to send to webhook {Webhook} ({Target}): no findings at {Severity} or above.", webhook.Name, target, alert.MinimumSeverity);
            return Delivery("Skipped", null, null);
        }

        using var content = new StringContent(WebhookPayloads.Build(webhook.Format, alert).ToJsonString(), Encoding.UTF8, "application/json");
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.PostAsync(uri, content, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                logger.LogInformation("Sent the checkpoint digest to webhook {Webhook} ({Target}): {Findings} findings, HTTP {Status}.", webhook.Name, target, alert.Total, status);
                return Delivery("Sent", status, null);
            }

            logger.LogWarning("Webhook {Webhook} ({Target}) refused the checkpoint digest with HTTP {Status}.", webhook.Name, target, status);
            return Delivery("Failed", status, string.Create(CultureInfo.InvariantCulture, $"The receiver answered HTTP {status} ({response.ReasonPhrase})."));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The exception is not logged as such: handlers put the full URL in their messages.
            var reason = $"{ex.GetType().Name}: {Scrub(ex.Message, webhook.Url, uri)}";
            logger.LogWarning("Could not send the checkpoint digest to webhook {Webhook} ({Target}): {Reason}", webhook.Name, target, reason);
            return Delivery("Failed", null, reason);
        }

        WebhookDelivery Delivery(string outcome, int? status, string? error) =>
            new(webhook.Name, webhook.Format, target, alert.Total, outcome, status, error);
    }

    /// <summary>"https://hooks.example.com:443": what may be said about a webhook URL.</summary>
    public static string Target(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.Host}:{uri.Port}");
    }

    private static string Scrub(string message, string url, Uri uri)
    {
        var scrubbed = message.Replace(url, Target(uri), StringComparison.OrdinalIgnoreCase);
        return uri.PathAndQuery.Length > 1 ? scrubbed.Replace(uri.PathAndQuery, "/…", StringComparison.OrdinalIgnoreCase) : scrubbed;
    }
}
