using System.Globalization;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Policies;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>
/// Checkpoint policies under <c>/api/v1/policies</c>: list, read, create (<c>POST</c>, 201), update (<c>PUT</c>, with the
/// <c>version</c> that was read; a stale one is answered 409) and delete (204); the suggested starting points; and
/// <c>GET /compliance</c> (and <c>/compliance.csv</c>), the fleet of the inventory now evaluated against the saved
/// policies by <see cref="ComplianceEvaluator"/>.
/// </summary>
public static class PoliciesApi
{
    /// <summary>What the compliance report calls VMs that are in no cluster, accepted by the <c>cluster</c> filter too.</summary>
    public const string Standalone = "(standalone)";

    private static readonly PolicyBody s_empty = new(null, null, null, null, null, null, null, null);

    private static readonly string[] s_complianceColumns = ["vm", "vmId", "host", "cluster", "status", "policy", "reason"];

    // CSV injection, as in the audit export: policy names and VM names are text other people wrote.
    private static readonly CsvWriterOptions s_csvOptions = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public static IEndpointRouteBuilder MapPoliciesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/policies").WithTags("Policies").RequireAuthorization(RightPolicies.View);
        api.MapGet("", async ([FromServices] IPolicyStore store, CancellationToken cancellationToken) =>
            TypedResults.Ok(await store.ListAsync(cancellationToken)));
        api.MapGet("/suggestions", () => TypedResults.Ok(PolicySuggestions.All));
        api.MapGet("/compliance", ComplianceAsync);
        api.MapGet("/compliance.csv", ComplianceCsvAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapPost("", CreateAsync).RequireAuthorization(RightPolicies.ManagePolicies);
        api.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(RightPolicies.ManagePolicies);
        api.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(RightPolicies.ManagePolicies);
        return endpoints;
    }

    // The policy store is registered by its own module; [FromServices] keeps an interface that is not (yet) registered
    // from being inferred as the request body.
    private static async Task<Results<Ok<CheckpointPolicy>, NotFound<ProblemMessage>>> GetAsync(
        Guid id, [FromServices] IPolicyStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } policy
            ? TypedResults.Ok(policy)
            : TypedResults.NotFound(PolicyNotFound(id));

    private static async Task<Results<Created<CheckpointPolicy>, Conflict<ProblemMessage>, JsonHttpResult<ProblemMessage>>> CreateAsync(
        HttpRequest request, [FromServices] IPolicyStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiInput.ReadBodyAsync<PolicyBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var id = body?.Id ?? Guid.NewGuid();
        var (policy, invalid) = Build(id, body ?? s_empty, version: 0);
        if (invalid is not null)
        {
            return invalid;
        }

        // The store saves an id it knows as an update; here that would overwrite a policy nobody meant to change.
        if (await store.FindAsync(id, cancellationToken) is not null)
        {
            return TypedResults.Conflict(new ProblemMessage($"A policy with id {id} exists; change it with PUT /api/v1/policies/{id}."));
        }

        try
        {
            var saved = await store.SaveAsync(policy, JobsApi.CurrentUser(request.HttpContext), cancellationToken);
            return TypedResults.Created($"/api/v1/policies/{saved.Id}", saved);
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    private static async Task<Results<Ok<CheckpointPolicy>, NotFound<ProblemMessage>, JsonHttpResult<ProblemMessage>>> UpdateAsync(
        Guid id, HttpRequest request, [FromServices] IPolicyStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiInput.ReadBodyAsync<PolicyBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        body ??= s_empty;
        var errors = new List<string>();
        if (body.Id is { } bodyId && bodyId != id)
        {
            errors.Add($"id: {bodyId} is not the id in the address ({id}); leave it out or send the same.");
        }

        // Required: without it an update would silently overwrite whatever someone else saved in the meantime.
        if (body.Version is null)
        {
            errors.Add("version: is required; send the version you read, so that a change saved meanwhile is not overwritten.");
        }

        var (policy, invalid) = Build(id, body, body.Version ?? 0, errors);
        if (invalid is not null)
        {
            return invalid;
        }

        // The store creates a policy it does not know; a PUT to an unknown (or deleted) id must not bring it back.
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound(PolicyNotFound(id));
        }

        try
        {
            return TypedResults.Ok(await store.SaveAsync(policy, JobsApi.CurrentUser(request.HttpContext), cancellationToken));
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    private static async Task<Results<NoContent, JsonHttpResult<ProblemMessage>>> DeleteAsync(
        Guid id, HttpContext httpContext, [FromServices] IPolicyStore store, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(id, JobsApi.CurrentUser(httpContext), cancellationToken);
            return TypedResults.NoContent();
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    private static async Task<Results<Ok<ComplianceReport>, BadRequest<ProblemMessage>>> ComplianceAsync(
        HttpRequest request, IFleetInventory inventory, [FromServices] IPolicyStore store, CancellationToken cancellationToken)
    {
        var (report, problem) = await EvaluateAsync(request, inventory, store, cancellationToken);
        return problem is not null ? TypedResults.BadRequest(problem) : TypedResults.Ok(report!);
    }

    private static async Task<Results<PushStreamHttpResult, BadRequest<ProblemMessage>>> ComplianceCsvAsync(
        HttpRequest request, IFleetInventory inventory, [FromServices] IPolicyStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        // Evaluated before the first byte goes out, so that a failing store still gets an error status, not half a file.
        var (report, problem) = await EvaluateAsync(request, inventory, store, cancellationToken);
        if (problem is not null)
        {
            return TypedResults.BadRequest(problem);
        }

        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=compliance-{stamp}.csv";
        return TypedResults.Stream(stream => WriteCsvAsync(stream, report!.Vms, cancellationToken), "text/csv; charset=utf-8");
    }

    /// <summary>
    /// The report of the inventory now, with its <c>vms</c> narrowed by the query's <c>status</c>, <c>cluster</c>,
    /// <c>host</c> and <c>policyId</c>. The counts stay fleet-wide, so that a filtered list can still be set against the
    /// whole.
    /// </summary>
    private static async Task<(ComplianceReport? Report, ProblemMessage? Problem)> EvaluateAsync(
        HttpRequest request, IFleetInventory inventory, IPolicyStore store, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters(request.Query);
        var statuses = parameters.Enums<ComplianceStatus>("status");
        var cluster = parameters.Text("cluster");
        var host = parameters.Text("host");
        var policyId = parameters.Guid("policyId");
        if (parameters.Problem is { } problem)
        {
            return (null, new ProblemMessage(problem));
        }

        var report = ComplianceEvaluator.Evaluate(inventory.Current, await store.ListAsync(cancellationToken));
        var vms = report.Vms.Where(v =>
            (statuses.Count == 0 || statuses.Contains(v.Status)) &&
            (cluster is null || string.Equals(v.Cluster ?? Standalone, cluster, StringComparison.OrdinalIgnoreCase)) &&
            (host is null || string.Equals(v.Host, host, StringComparison.OrdinalIgnoreCase)) &&
            (policyId is null || v.PolicyId == policyId));
        return (report with { Vms = [.. vms] }, null);
    }

    /// <summary>
    /// The policy a body describes, with every problem in one answer: enum names the API could not read and everything
    /// <see cref="CheckpointPolicy.Validate"/> says, each naming its field.
    /// </summary>
    private static (CheckpointPolicy Policy, JsonHttpResult<ProblemMessage>? Problem) Build(
        Guid id, PolicyBody body, int version, List<string>? errors = null)
    {
        errors ??= [];
        if (body.Scope is null)
        {
            errors.Add("scope: is required; send {} for a policy over every VM.");
        }

        var scope = BulkApi.ReadSelector(body.Scope, null, "scope.", errors);
        var type = ApiInput.ReadCheckpointType(body.Target?.CheckpointType, "target.checkpointType", errors);
        var policy = new CheckpointPolicy
        {
            Id = id,
            Name = body.Name ?? string.Empty,
            Description = body.Description,
            Scope = scope,
            Target = new CheckpointSettingsTarget(type, body.Target?.AutomaticCheckpoints),
            Priority = body.Priority ?? 0,
            Enabled = body.Enabled ?? true,
            Version = version,
        };

        // A type that could not be read is already reported; the target would also say that nothing was chosen.
        var unreadType = body.Target?.CheckpointType is not null && type is null;
        errors.AddRange(policy.Validate().Where(e => !(unreadType && e.StartsWith("target:", StringComparison.Ordinal))));
        return errors.Count == 0
            ? (policy, null)
            : (policy, TypedResults.Json(new ProblemMessage(string.Join(" ", errors)), statusCode: StatusCodes.Status400BadRequest));
    }

    private static async Task WriteCsvAsync(Stream stream, IEnumerable<VmCompliance> vms, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, s_csvOptions, leaveOpen: true);
        await csv.WriteRecordAsync(s_complianceColumns, cancellationToken);
        foreach (var vm in vms)
        {
            await csv.WriteRecordAsync([vm.VmName, vm.VmId.ToString(), vm.Host, vm.Cluster, vm.Status.ToString(), vm.PolicyName, vm.Reason],
                cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static ProblemMessage PolicyNotFound(Guid id) => new($"No policy with id {id} is known.");

    private sealed record PolicyBody(
        Guid? Id,
        string? Name,
        string? Description,
        BulkApi.SelectorBody? Scope,
        TargetBody? Target,
        int? Priority,
        bool? Enabled,
        int? Version);

    private sealed record TargetBody(string? CheckpointType, bool? AutomaticCheckpoints);
}
