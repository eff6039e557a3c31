using System.Net;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>Checks the <c>Reports</c> section, naming each key to fix; the rules are checked by <see cref="Shared.Reports.ReportRules.Validate"/>.</summary>
public sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    private const string S = ReportOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Rules.FirstOrDefault(r => r.Value is null) is { Key: { } empty })
        {
            errors.Add($"{S}:Rules:{empty}: must not be empty; give Enabled, Severity or Exclude.");
        }
        else
        {
            errors.AddRange(options.ToRules().Validate().Select(e => $"{S}:{e}"));
        }

        ValidateDigest(options.Digest ?? new DigestOptions(), errors);
        ValidateHistory(options.History ?? new HistoryOptions(), errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The problem with a webhook URL, or null: absolute http(s), and https unless the host is loopback (a URL carries a secret).</summary>
    public static string? UrlProblem(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an absolute http or https URL.";
        }

        return uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri)
            ? "must use https: the URL is a secret and the alert names VMs (plain http is allowed to a loopback address only)."
            : null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static void ValidateDigest(DigestOptions digest, List<string> errors)
    {
        const string d = S + ":Digest";
        Within(errors, $"{d}:Interval", digest.Interval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(31));
        if (digest.At is { } at && (at < TimeSpan.Zero || at >= TimeSpan.FromDays(1)))
        {
            errors.Add($"{d}:At: {at} is not a time of day; use 00:00:00 to 23:59:59.");
        }

        if (digest.Folder is { } folder && (string.IsNullOrWhiteSpace(folder) || folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            errors.Add($"{d}:Folder: '{folder}' is not a usable folder; leave it out for {{Store:DataDirectory}}/reports.");
        }

        Within(errors, $"{d}:Timeout", digest.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        if (digest.Retries is < 0 or > 10)
        {
            errors.Add($"{d}:Retries: {digest.Retries} is outside [0, 10].");
        }

        Within(errors, $"{d}:RetryDelay", digest.RetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var webhooks = digest.Webhooks ?? [];
        for (var i = 0; i < webhooks.Length; i++)
        {
            var key = $"{d}:Webhooks:{i}";
            var hook = webhooks[i];
            if (hook is null)
            {
                errors.Add($"{key}: must not be empty.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(hook.Name))
            {
                errors.Add($"{key}:Name: is required (it names the webhook in logs and the audit trail instead of its secret URL).");
            }
            else if (!names.Add(hook.Name.Trim()))
            {
                errors.Add($"{key}:Name: '{hook.Name}' is used by another webhook; names must be unique.");
            }

            // The URL itself is never repeated in the message: it holds the webhook's secret.
            if (UrlProblem(hook.Url) is { } problem)
            {
                errors.Add($"{key}:Url: {problem}");
            }

            if (!Enum.IsDefined(hook.Format))
            {
                errors.Add($"{key}:Format: must be Generic, Slack or Teams.");
            }

            if (!Enum.IsDefined(hook.MinimumSeverity))
            {
                errors.Add($"{key}:MinimumSeverity: must be Info, Warning or Critical.");
            }
        }
    }

    private static void ValidateHistory(HistoryOptions history, List<string> errors)
    {
        const string h = S + ":History";
        Within(errors, $"{h}:SampleInterval", history.SampleInterval, TimeSpan.FromSeconds(10), TimeSpan.FromDays(1));
        Within(errors, $"{h}:KeepEverything", history.KeepEverything, TimeSpan.Zero, TimeSpan.FromDays(90));
        Within(errors, $"{h}:KeepDaily", history.KeepDaily, TimeSpan.FromDays(1), TimeSpan.FromDays(3660));
        if (history.KeepDaily < history.KeepEverything)
        {
            errors.Add($"{h}:KeepDaily: {history.KeepDaily} must not be shorter than {h}:KeepEverything ({history.KeepEverything}).");
        }

        Within(errors, $"{h}:CompactInterval", history.CompactInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
    }

    private static void Within(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key}: {value} is outside [{min}, {max}].");
        }
    }
}
