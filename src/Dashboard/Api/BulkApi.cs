using System.Globalization;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>
/// Bulk changes of checkpoint settings under <c>/api/v1/bulk</c>. <c>POST /checkpoint-settings</c> takes which VMs
/// (<c>filter</c>, a <see cref="VmSelector"/> in camelCase, and/or the <c>vmIds</c> shorthand), the settings
/// (<c>checkpointType</c>, <c>automaticCheckpoints</c>) and <c>dryRun</c>: a dry run answers 200 with the
/// <see cref="BulkPreview"/>, otherwise the change starts and the answer is 202 with the <see cref="BulkJobInfo"/> and a
/// <c>Location</c> to follow it. Per-VM results stream over <c>/hubs/jobs</c> and are read with <c>GET /{id}/items</c>
/// (JSON) or <c>GET /{id}/items.csv</c>.
/// </summary>
public static class BulkApi
{
    /// <summary>The most bulk changes one listing returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>How many bulk changes a listing returns without <c>limit</c>.</summary>
    public const int DefaultLimit = 50;

    private static readonly string[] s_itemColumns = ["vm", "vmId", "host", "cluster", "beforeType", "beforeAutomatic", "status", "detail", "jobId", "finishedAt"];

    // CSV injection, as in the audit export: VM names and host errors are text other people wrote, and a spreadsheet runs
    // a cell that starts with =, +, - or @ as a formula. Escape puts an apostrophe in front; the BOM makes Excel read UTF-8.
    private static readonly CsvWriterOptions s_csvOptions = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public static IEndpointRouteBuilder MapBulkApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/bulk").WithTags("Bulk").RequireAuthorization(RightPolicies.View);
        api.MapPost("/checkpoint-settings", ChangeSettingsAsync).RequireAuthorization(RightPolicies.ChangeSettings);
        api.MapGet("", ListAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapGet("/{id:guid}/items", ItemsAsync);
        api.MapGet("/{id:guid}/items.csv", ItemsCsvAsync);
        api.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(RightPolicies.ChangeSettings);
        api.MapPost("/{id:guid}/retry-failed", RetryFailedAsync).RequireAuthorization(RightPolicies.ChangeSettings);
        return endpoints;
    }

    // The bulk service is registered by its own module; [FromServices] keeps an interface that is not (yet) registered
    // from being inferred as the request body, which would break every route at startup.
    private static async Task<Results<Ok<BulkPreview>, Accepted<BulkJobInfo>, BadRequest<ProblemMessage>, JsonHttpResult<ProblemMessage>>> ChangeSettingsAsync(
        HttpRequest request, [FromServices] IBulkService bulk, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiInput.ReadBodyAsync<ChangeBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body is null)
        {
            return BadRequest("Send a JSON body with 'filter' and/or 'vmIds' (which VMs), 'checkpointType' and/or " +
                "'automaticCheckpoints' (the settings) and 'dryRun'.");
        }

        var errors = new List<string>();
        var selector = ReadSelector(body.Filter, body.VmIds, "filter.", errors);
        errors.AddRange(selector.Validate().Select(e => "filter." + e));
        var type = ApiInput.ReadCheckpointType(body.CheckpointType, "checkpointType", errors);
        if (body.CheckpointType is null && body.AutomaticCheckpoints is null)
        {
            errors.Add("checkpointType, automaticCheckpoints: give one or both, the settings to apply.");
        }

        // Required rather than defaulted: a forgotten flag must neither start a fleet-wide change nor silently only preview.
        if (body.DryRun is null)
        {
            errors.Add("dryRun: is required; true for a preview, false to start the change.");
        }

        if (errors.Count > 0)
        {
            return BadRequest(string.Join(" ", errors));
        }

        // A typo in a filter's field is refused above, but an empty or missing filter still selects every VM. That has to
        // be said on purpose. Dry runs too: a preview answers exactly what the same request would do for real.
        if (selector.SelectsEverything && body.ConfirmAll != true)
        {
            return BadRequest("confirmAll: the selection matches every VM of the fleet. Narrow 'filter' or give 'vmIds', " +
                "or set \"confirmAll\": true to change them all.");
        }

        var bulkRequest = new BulkRequest(selector, new CheckpointSettingsTarget(type, body.AutomaticCheckpoints));
        try
        {
            if (body.DryRun == true)
            {
                return TypedResults.Ok(await bulk.PreviewAsync(bulkRequest, JobsApi.CurrentUser(request.HttpContext), cancellationToken));
            }

            return Accepted(await bulk.StartAsync(bulkRequest, JobsApi.CurrentUser(request.HttpContext), cancellationToken));
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<BulkJobInfo>>, BadRequest<ProblemMessage>>> ListAsync(
        HttpRequest request, [FromServices] IBulkService bulk, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters(request.Query);
        var limit = parameters.Limit("limit", DefaultLimit, MaxLimit);
        return parameters.Problem is { } problem
            ? TypedResults.BadRequest(new ProblemMessage(problem))
            : TypedResults.Ok(await bulk.ListAsync(limit, cancellationToken));
    }

    private static async Task<Results<Ok<BulkJobInfo>, NotFound<ProblemMessage>>> GetAsync(
        Guid id, [FromServices] IBulkService bulk, CancellationToken cancellationToken) =>
        await bulk.FindAsync(id, cancellationToken) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.NotFound(BulkNotFound(id));

    private static async Task<Results<Ok<IReadOnlyList<BulkItem>>, JsonHttpResult<ProblemMessage>>> ItemsAsync(
        Guid id, HttpRequest request, [FromServices] IBulkService bulk, CancellationToken cancellationToken)
    {
        var (items, problem) = await ReadItemsAsync(id, request, bulk, cancellationToken);
        return problem is null ? TypedResults.Ok(items!) : problem;
    }

    private static async Task<Results<PushStreamHttpResult, JsonHttpResult<ProblemMessage>>> ItemsCsvAsync(
        Guid id, HttpRequest request, [FromServices] IBulkService bulk, TimeProvider time, CancellationToken cancellationToken)
    {
        // Read before the first byte goes out, so that an unknown bulk change or a failing service still gets an error
        // status, not half a file.
        var (items, problem) = await ReadItemsAsync(id, request, bulk, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=bulk-{id:N}-{stamp}.csv";
        return TypedResults.Stream(stream => WriteItemsCsvAsync(stream, items!, cancellationToken), "text/csv; charset=utf-8");
    }

    // 202 like the job API's cancel: VMs already running finish, and the outcome follows on the hub.
    private static async Task<Results<Accepted<BulkJobInfo>, JsonHttpResult<ProblemMessage>>> CancelAsync(
        Guid id, HttpContext httpContext, [FromServices] IBulkService bulk, CancellationToken cancellationToken)
    {
        try
        {
            return Accepted(await bulk.CancelAsync(id, JobsApi.CurrentUser(httpContext), cancellationToken));
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    private static async Task<Results<Accepted<BulkJobInfo>, JsonHttpResult<ProblemMessage>>> RetryFailedAsync(
        Guid id, HttpContext httpContext, [FromServices] IBulkService bulk, CancellationToken cancellationToken)
    {
        try
        {
            return Accepted(await bulk.RetryFailedAsync(id, JobsApi.CurrentUser(httpContext), cancellationToken));
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    /// <summary>
    /// A <see cref="VmSelector"/> from its JSON form, with <paramref name="extraIds"/> (the <c>vmIds</c> shorthand) added
    /// to its ids. Enum names are read here, ignoring case, so that a typo is answered with the names that are allowed
    /// (and a number, which would bind to whatever member has that value today, is refused). Problems go to
    /// <paramref name="errors"/> as "field: sentence", the field prefixed with <paramref name="prefix"/>; the selector's
    /// own <see cref="VmSelector.Validate"/> is left to the caller.
    /// </summary>
    internal static VmSelector ReadSelector(SelectorBody? body, IReadOnlyList<Guid>? extraIds, string prefix, List<string> errors)
    {
        IReadOnlyList<Guid>? ids = body?.VmIds is null && extraIds is null ? null : [.. (body?.VmIds ?? []).Concat(extraIds ?? []).Distinct()];
        if (body?.Clusters?.Any(c => c is null) == true)
        {
            errors.Add($"{prefix}clusters: null is not a cluster name (\"\" selects standalone hosts).");
        }

        if (body?.Hosts?.Any(h => h is null) == true)
        {
            errors.Add($"{prefix}hosts: null is not a host name.");
        }

        return new VmSelector
        {
            VmIds = ids,
            Clusters = body?.Clusters?.OfType<string>().ToList(),
            Hosts = body?.Hosts?.OfType<string>().ToList(),
            NamePattern = body?.NamePattern,
            NameIsRegex = body?.NameIsRegex ?? false,
            States = ReadEnums<VmState>(body?.States, prefix + "states", errors),
            CheckpointTypes = ReadEnums<CheckpointType>(body?.CheckpointTypes, prefix + "checkpointTypes", errors),
            AutomaticCheckpoints = body?.AutomaticCheckpoints,
            MinConfigurationVersion = body?.MinConfigurationVersion,
            BelowConfigurationVersion = body?.BelowConfigurationVersion,
            HasStandardCheckpoints = body?.HasStandardCheckpoints,
        };
    }

    private static List<TEnum>? ReadEnums<TEnum>(IReadOnlyList<string?>? values, string field, List<string> errors)
        where TEnum : struct, Enum
    {
        if (values is null)
        {
            return null;
        }

        var result = new List<TEnum>();
        foreach (var value in values)
        {
            var match = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                errors.Add($"{field}: '{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
            }
            else
            {
                result.Add(Enum.Parse<TEnum>(match));
            }
        }

        return result;
    }

    /// <summary>The items of a bulk change, filtered by the query's <c>status</c>; or the answer that says why not.</summary>
    private static async Task<(IReadOnlyList<BulkItem>? Items, JsonHttpResult<ProblemMessage>? Problem)> ReadItemsAsync(
        Guid id, HttpRequest request, IBulkService bulk, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters(request.Query);
        var statuses = parameters.Enums<BulkItemStatus>("status");
        if (parameters.Problem is { } problem)
        {
            return (null, ApiInput.Invalid(problem));
        }

        if (await bulk.FindAsync(id, cancellationToken) is null)
        {
            return (null, TypedResults.Json(BulkNotFound(id), statusCode: StatusCodes.Status404NotFound));
        }

        try
        {
            var items = await bulk.ItemsAsync(id, cancellationToken);
            return (statuses.Count == 0 ? items : [.. items.Where(i => statuses.Contains(i.Status))], null);
        }
        catch (JobRejectedException ex)
        {
            return (null, ApiInput.Rejected(ex));
        }
    }

    private static async Task WriteItemsCsvAsync(Stream stream, IReadOnlyList<BulkItem> items, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, s_csvOptions, leaveOpen: true);
        await csv.WriteRecordAsync(s_itemColumns, cancellationToken);
        foreach (var item in items)
        {
            await csv.WriteRecordAsync(
            [
                item.VmName,
                item.VmId.ToString(),
                item.Host,
                item.Cluster,
                item.BeforeType.ToString(),
                item.BeforeAutomatic ? "true" : "false",
                item.Status.ToString(),
                item.Detail,
                item.JobId?.ToString(),
                item.FinishedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ], cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static Accepted<BulkJobInfo> Accepted(BulkJobInfo bulk) => TypedResults.Accepted($"/api/v1/bulk/{bulk.Id}", bulk);

    private static ProblemMessage BulkNotFound(Guid id) => new($"No bulk change with id {id} is known.");

    private static BadRequest<ProblemMessage> BadRequest(string message) => TypedResults.BadRequest(new ProblemMessage(message));


    /// <summary>
    /// The JSON form of a <see cref="VmSelector"/> in a request (a bulk change's <c>filter</c>, a policy's <c>scope</c>),
    /// with the enums as text so that an unknown one is answered with the names that are allowed.
    /// </summary>
    internal sealed record SelectorBody(
        IReadOnlyList<Guid>? VmIds,
        IReadOnlyList<string?>? Clusters,
        IReadOnlyList<string?>? Hosts,
        string? NamePattern,
        bool? NameIsRegex,
        IReadOnlyList<string?>? States,
        IReadOnlyList<string?>? CheckpointTypes,
        bool? AutomaticCheckpoints,
        string? MinConfigurationVersion,
        string? BelowConfigurationVersion,
        bool? HasStandardCheckpoints);

    private sealed record ChangeBody(
        SelectorBody? Filter,
        IReadOnlyList<Guid>? VmIds,
        string? CheckpointType,
        bool? AutomaticCheckpoints,
        bool? DryRun,
        bool? ConfirmAll);
}
