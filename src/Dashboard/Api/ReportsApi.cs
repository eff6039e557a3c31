using System.Collections.Immutable;
using System.Globalization;
using CheckpointDashboard.Dashboard.Reports;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>
/// The checkpoint age and sprawl report under <c>/api/v1/reports</c>: <c>GET /checkpoints</c> (JSON), <c>.csv</c> and
/// <c>.xlsx</c> with the filter of <see cref="ReportApiQuery"/>; <c>GET</c>/<c>PUT /rules</c>; <c>GET /history?days=30</c>
/// (samples and daily series); <c>POST /digest</c> runs the digest now and answers what it wrote and sent.
/// </summary>
public static class ReportsApi
{
    /// <summary>The longest history one request returns, in days.</summary>
    public const int MaxHistoryDays = 3660;

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(RightPolicies.View);
        api.MapGet("/checkpoints", Checkpoints);
        api.MapGet("/checkpoints.csv", CheckpointsCsv);
        api.MapGet("/checkpoints.xlsx", CheckpointsXlsx);
        api.MapGet("/rules", GetRules);
        api.MapPut("/rules", PutRulesAsync).RequireAuthorization(RightPolicies.ManagePolicies);
        api.MapGet("/history", HistoryAsync);
        api.MapPost("/digest", DigestAsync).RequireAuthorization(RightPolicies.ManageHosts);
        return endpoints;
    }

    private static Results<Ok<ReportBody>, JsonHttpResult<ProblemMessage>> Checkpoints(HttpRequest request, [FromServices] IReportService reports)
    {
        var (report, query, problem) = Build(request, reports);
        return problem ?? (Results<Ok<ReportBody>, JsonHttpResult<ProblemMessage>>)TypedResults.Ok(ReportBody.From(report!, query!.Rows));
    }

    private static Results<PushStreamHttpResult, JsonHttpResult<ProblemMessage>> CheckpointsCsv(
        HttpRequest request, [FromServices] IReportService reports, CancellationToken cancellationToken)
    {
        // Built before the first byte goes out, so a bad filter still gets its 400 rather than half a file.
        var (report, _, problem) = Build(request, reports);
        if (problem is not null)
        {
            return problem;
        }

        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename={FileName(report!, "csv")}";
        return TypedResults.Stream(stream => CheckpointCsv.WriteAsync(stream, report!, cancellationToken), "text/csv; charset=utf-8");
    }

    private static Results<FileContentHttpResult, JsonHttpResult<ProblemMessage>> CheckpointsXlsx(HttpRequest request, [FromServices] IReportService reports)
    {
        var (report, _, problem) = Build(request, reports);
        if (problem is not null)
        {
            return problem;
        }

        // ClosedXML saves synchronously, which Kestrel refuses on the response body: the workbook is made in memory first.
        using var buffer = new MemoryStream();
        CheckpointWorkbook.Write(buffer, report!);
        return TypedResults.File(buffer.ToArray(), XlsxType, FileName(report!, "xlsx"));
    }

    private static Ok<RulesBody> GetRules([FromServices] IReportService reports) => TypedResults.Ok(RulesBody.From(reports.RulesState));

    private static async Task<Results<Ok<RulesBody>, JsonHttpResult<ProblemMessage>>> PutRulesAsync(
        HttpRequest request, [FromServices] IReportService reports, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiInput.ReadBodyAsync<ReportRules>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body is null)
        {
            return ApiInput.Invalid("Send the rules as a JSON body (the shape GET /api/v1/reports/rules answers in 'rules').");
        }

        // Optional, as with policies: the version GET answered; a save over a newer one is refused (409) so no edit is lost.
        int? expectedVersion = null;
        if (request.Query.TryGetValue("expectedVersion", out var versionText))
        {
            if (!int.TryParse(versionText.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                return ApiInput.Invalid($"The query parameter 'expectedVersion' must be the whole number GET /api/v1/reports/rules answered; '{versionText}' is not.");
            }

            expectedVersion = version;
        }

        try
        {
            await reports.SaveRulesAsync(body, JobsApi.CurrentUser(request.HttpContext), expectedVersion, cancellationToken);
            return TypedResults.Ok(RulesBody.From(reports.RulesState));
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    private static async Task<Results<Ok<HistoryBody>, JsonHttpResult<ProblemMessage>>> HistoryAsync(
        HttpRequest request, [FromServices] IReportService reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters(request.Query);
        var days = parameters.Limit("days", 30, MaxHistoryDays);
        if (parameters.Problem is { } problem)
        {
            return ApiInput.Invalid(problem);
        }

        var samples = await reports.HistoryAsync(days, cancellationToken);
        var now = time.GetUtcNow();
        var clusters = samples.Select(s => s.Cluster).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(c => c is null).ThenBy(c => c, StringComparer.OrdinalIgnoreCase)
            .Select(c => new ClusterSeries(c, TrendSeries.Cluster(samples, now, days, c))).ToList();
        return TypedResults.Ok(new HistoryBody(days, samples, TrendSeries.Fleet(samples, now, days), clusters));
    }

    private static async Task<Ok<DigestResult>> DigestAsync(
        HttpContext httpContext, [FromServices] DigestService digest, CancellationToken cancellationToken) =>
        TypedResults.Ok(await digest.RunAsync(JobsApi.CurrentUser(httpContext), cancellationToken));

    private static (CheckpointReport? Report, ReportApiQuery? Query, JsonHttpResult<ProblemMessage>? Problem) Build(HttpRequest request, IReportService reports)
    {
        var (query, problem) = ReportApiQuery.Read(request.Query);
        if (problem is not null)
        {
            return (null, null, ApiInput.Invalid(problem));
        }

        try
        {
            return (reports.Build(query!.Filter), query, null);
        }
        catch (JobRejectedException ex)
        {
            return (null, null, ApiInput.Rejected(ex));
        }
    }

    private static string FileName(CheckpointReport report, string extension) =>
        $"checkpoints-{report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";

    /// <summary>The JSON report: everything of <see cref="CheckpointReport"/> but the rules, with the rows only when asked.</summary>
    internal sealed record ReportBody(
        DateTimeOffset GeneratedAt,
        long SnapshotVersion,
        bool FoldersListed,
        ReportFilter Filter,
        ImmutableArray<ReportFinding> Findings,
        ReportRollUp Fleet,
        ImmutableArray<ReportRollUp> ByCluster,
        ImmutableArray<ReportRollUp> ByHost,
        ImmutableArray<ReportRollUp> ByStorage,
        ImmutableArray<AgeBucket> AgeHistogram,
        ImmutableArray<VmSummary> TopByBytes,
        ImmutableArray<VmSummary> TopByCount,
        ImmutableArray<VmSummary> ByVm,
        ImmutableArray<ReportRow>? Rows)
    {
        public static ReportBody From(CheckpointReport r, bool rows) => new(
            r.GeneratedAt, r.SnapshotVersion, r.FoldersListed, r.Filter, r.Findings, r.Fleet, r.ByCluster, r.ByHost, r.ByStorage,
            r.AgeHistogram, r.TopByBytes, r.TopByCount, r.ByVm, rows ? r.Rows : null);
    }

    internal sealed record RulesBody(ReportRules Rules, int Version, string Source, string? UpdatedBy, DateTimeOffset? UpdatedAt)
    {
        public static RulesBody From(ReportRulesState state) => new(state.Rules, state.Version, state.Source, state.UpdatedBy, state.UpdatedAt);
    }

    internal sealed record ClusterSeries(string? Cluster, ImmutableArray<TrendPoint> Points);

    internal sealed record HistoryBody(int Days, IReadOnlyList<InventorySummary> Samples, ImmutableArray<TrendPoint> Fleet, IReadOnlyList<ClusterSeries> Clusters);
}
