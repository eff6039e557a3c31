using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Reports;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>
/// One digest: the unfiltered report written to <c>Digest:Folder</c> as CSV, XLSX and a JSON summary with the day in
/// their names (a second run on the same day replaces them), then the problems-only alert to every configured webhook.
/// </summary>
public sealed class DigestService(
    IReportService reports,
    WebhookSender sender,
    IAuditLog audit,
    IOptions<ReportOptions> options,
    IOptions<StoreOptions> store,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DigestService> logger)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    /// <summary>The folder the files go to: <c>Digest:Folder</c>, or <c>reports</c> under the store's data folder.</summary>
    public string Folder => Path.GetFullPath(
        options.Value.Digest.Folder ?? Path.Combine(store.Value.DataDirectory, "reports"), environment.ContentRootPath);

    public async Task<DigestResult> RunAsync(string user, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var report = reports.Build();
        var files = await WriteFilesAsync(report, cancellationToken);
        logger.LogInformation("Wrote the checkpoint digest ({Findings} findings) to {Folder}.", report.Findings.Length, Folder);
        await AuditAsync(user, "WriteDigest", Folder, $"files={files.Count}", "Completed",
            $"{report.Findings.Length} findings over {report.Rows.Length} checkpoints.", cancellationToken);

        var deliveries = new List<WebhookDelivery>();
        foreach (var webhook in options.Value.Digest.Webhooks)
        {
            var delivery = await sender.SendAsync(webhook, DigestAlert.From(report, webhook.MinimumSeverity), cancellationToken);
            deliveries.Add(delivery);
            if (delivery.Outcome != "Skipped")
            {
                await AuditAsync(user, "SendDigest", webhook.Name,
                    $"format={webhook.Format}; target={delivery.Target}; findings={delivery.Findings}",
                    delivery.Outcome == "Sent" ? "Completed" : "Failed",
                    delivery.Error ?? $"HTTP {delivery.StatusCode}", cancellationToken);
            }
        }

        return new DigestResult(report.GeneratedAt, report.SnapshotVersion, report.Findings.Length, files, deliveries);
    }

    private async Task<IReadOnlyList<string>> WriteFilesAsync(CheckpointReport report, CancellationToken cancellationToken)
    {
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var day = report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = Path.Combine(folder, $"checkpoints-{day}.csv");
        var xlsx = Path.Combine(folder, $"checkpoints-{day}.xlsx");
        var json = Path.Combine(folder, $"checkpoint-summary-{day}.json");
        await WriteAtomicallyAsync(csv, stream => CheckpointCsv.WriteAsync(stream, report, cancellationToken), cancellationToken);
        await WriteAtomicallyAsync(xlsx, stream =>
        {
            CheckpointWorkbook.Write(stream, report);
            return Task.CompletedTask;
        }, cancellationToken);
        await WriteAtomicallyAsync(json, stream => JsonSerializer.SerializeAsync(stream, Summary(report), s_json, cancellationToken), cancellationToken);
        return [csv, xlsx, json];
    }

    /// <summary>Writes next to the file and renames, so a reader (a file share, a sync job) never sees half a file.</summary>
    private static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await write(stream);
            await stream.FlushAsync(cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static object Summary(CheckpointReport report) => new
    {
        report.GeneratedAt,
        report.SnapshotVersion,
        report.FoldersListed,
        report.Fleet,
        report.ByCluster,
        BySeverity = DigestAlert.From(report, FindingSeverity.Info).BySeverity.ToDictionary(),
        ByRule = DigestAlert.From(report, FindingSeverity.Info).ByRule.ToDictionary(),
        report.AgeHistogram,
        report.TopByBytes,
        report.TopByCount,
        report.Findings,
    };

    private async Task AuditAsync(string user, string action, string target, string parameters, string outcome, string detail, CancellationToken cancellationToken)
    {
        try
        {
            await audit.WriteAsync(new AuditEntry
            {
                At = time.GetUtcNow(),
                User = user,
                Action = action,
                Target = target,
                Parameters = parameters,
                Outcome = outcome,
                Detail = detail,
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not write the audit entry {Action} for {Target}.", action, target);
        }
    }
}
