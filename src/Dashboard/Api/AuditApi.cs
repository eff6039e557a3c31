using System.Globalization;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Shared.Audit;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>
/// The audit trail under <c>/api/v1</c>: <c>GET /audit</c> as JSON and <c>GET /audit.csv</c> as a download, both filtered
/// from the query string by <c>user</c>, <c>action</c>, <c>outcome</c>, <c>search</c>, <c>since</c>, <c>until</c> and
/// <c>limit</c>.
/// </summary>
public static class AuditApi
{
    /// <summary>The most entries one request returns. Larger than a page needs, because the CSV is how records are kept.</summary>
    public const int MaxLimit = 100_000;

    private static readonly string[] s_columns = ["at", "user", "action", "outcome", "vm", "vmId", "host", "target", "parameters", "detail", "jobId"];

    // CSV injection: a spreadsheet runs a cell that starts with =, +, - or @ (and, OWASP adds, tab or CR) as a formula,
    // and the audit trail holds text other people typed (checkpoint names, export paths, host errors). Escape puts an
    // apostrophe in front of such a cell, which Excel and LibreOffice show as plain text. The BOM makes Excel read UTF-8.
    private static readonly CsvWriterOptions s_csvOptions = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Audit").RequireAuthorization(RightPolicies.View);
        api.MapGet("/audit", async Task<Results<Ok<IReadOnlyList<AuditEntry>>, BadRequest<ProblemMessage>>> (
            HttpRequest request, [FromServices] IAuditLog audit, CancellationToken cancellationToken) =>
        {
            if (!TryReadQuery(request, out var query, out var problem))
            {
                return TypedResults.BadRequest(problem);
            }

            return TypedResults.Ok(await audit.QueryAsync(query, cancellationToken));
        });
        api.MapGet("/audit.csv", async Task<Results<PushStreamHttpResult, BadRequest<ProblemMessage>>> (
            HttpRequest request, [FromServices] IAuditLog audit, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (!TryReadQuery(request, out var query, out var problem))
            {
                return TypedResults.BadRequest(problem);
            }

            // Queried before the first byte goes out, so that a failing store still gets an error status, not half a file.
            var entries = await audit.QueryAsync(query, cancellationToken);
            var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=audit-{stamp}.csv";
            return TypedResults.Stream(stream => WriteCsvAsync(stream, entries, cancellationToken), "text/csv; charset=utf-8");
        });
        return endpoints;
    }

    private static bool TryReadQuery(HttpRequest request, out AuditQuery query, out ProblemMessage problem)
    {
        var parameters = new QueryParameters(request.Query);
        query = new AuditQuery
        {
            User = parameters.Text("user"),
            Action = parameters.Text("action"),
            Outcome = parameters.Text("outcome"),
            Search = parameters.Text("search"),
            Since = parameters.Time("since"),
            Until = parameters.Time("until"),
            Limit = parameters.Limit("limit", new AuditQuery().Limit, MaxLimit),
        };
        if (query.Since > query.Until)
        {
            parameters.Fail("The query parameter 'since' is later than 'until', so nothing could match.");
        }

        problem = new ProblemMessage(parameters.Problem ?? string.Empty);
        return parameters.Problem is null;
    }

    private static async Task WriteCsvAsync(Stream stream, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, s_csvOptions, leaveOpen: true);
        await csv.WriteRecordAsync(s_columns, cancellationToken);
        foreach (var entry in entries)
        {
            await csv.WriteRecordAsync(
            [
                entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                entry.User,
                entry.Action,
                entry.Outcome,
                entry.VmName,
                entry.VmId?.ToString(),
                entry.Host,
                entry.Target,
                entry.Parameters,
                entry.Detail,
                entry.JobId?.ToString(),
            ], cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
