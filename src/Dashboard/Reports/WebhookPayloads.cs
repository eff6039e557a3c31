using System.Globalization;
using System.Text.Json.Nodes;
using CheckpointDashboard.Shared.Reports;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>The JSON bodies of the three webhook formats.</summary>
public static class WebhookPayloads
{
    public static JsonObject Build(WebhookFormat format, DigestAlert alert) => format switch
    {
        WebhookFormat.Slack => Slack(alert),
        WebhookFormat.Teams => Teams(alert),
        _ => Generic(alert),
    };

    /// <summary><c>{ title, summary, minimumSeverity, total, counts: { bySeverity, byRule }, findings: [...] }</c>.</summary>
    public static JsonObject Generic(DigestAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new JsonObject
        {
            ["title"] = alert.Title,
            ["summary"] = alert.Summary,
            ["minimumSeverity"] = alert.MinimumSeverity.ToString(),
            ["total"] = alert.Total,
            ["counts"] = new JsonObject
            {
                ["bySeverity"] = Counts(alert.BySeverity),
                ["byRule"] = Counts(alert.ByRule),
            },
            ["findings"] = new JsonArray([.. alert.Top.Select(Finding)]),
        };
    }

    /// <summary>A Slack message: <c>text</c> as the notification's fallback, mrkdwn sections for the counts and findings.</summary>
    public static JsonObject Slack(DigestAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var counts = string.Join("\n", alert.ByRule.Select(p => $"• `{p.Key}`: {p.Value}"));
        var findings = string.Join("\n", alert.Top.Select(f => $"• {SlackEscape(DigestAlert.Line(f))}"));
        return new JsonObject
        {
            ["text"] = SlackEscape(alert.Title),
            ["blocks"] = new JsonArray(
                Section($"*{SlackEscape(alert.Title)}*\n{SlackEscape(alert.Summary)}"),
                Section(counts.Length == 0 ? "No findings." : counts),
                Section(findings.Length == 0 ? "No findings." : findings)),
        };
    }

    /// <summary>A Teams message with one Adaptive Card: title, summary, the counts as facts, one line per finding.</summary>
    public static JsonObject Teams(DigestAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = new JsonArray(
            new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Summary, ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. alert.BySeverity.Concat(alert.ByRule).Select(p => (JsonNode)new JsonObject { ["title"] = p.Key, ["value"] = p.Value.ToString(CultureInfo.InvariantCulture) })]),
            });
        foreach (var finding in alert.Top)
        {
            body.Add(new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = DigestAlert.Line(finding),
                ["wrap"] = true,
                ["color"] = finding.Severity == FindingSeverity.Critical ? "Attention" : "Default",
            });
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = new JsonObject
                {
                    ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.4",
                    ["body"] = body,
                },
            }),
        };
    }

    private static JsonObject Counts(IEnumerable<KeyValuePair<string, int>> counts)
    {
        var result = new JsonObject();
        foreach (var (key, value) in counts)
        {
            result[key] = value;
        }

        return result;
    }

    private static JsonObject Finding(ReportFinding f) => new()
    {
        ["rule"] = f.RuleId,
        ["severity"] = f.Severity.ToString(),
        ["vm"] = f.VmName,
        ["checkpoint"] = f.CheckpointName,
        ["file"] = f.FilePath,
        ["host"] = f.Host,
        ["cluster"] = f.Cluster,
        ["message"] = f.Message,
    };

    private static JsonObject Section(string text) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text },
    };

    /// <summary>Slack's three control characters; VM names are other people's text.</summary>
    private static string SlackEscape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
