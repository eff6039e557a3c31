using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SubmitResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Accepted<CheckpointDashboard.Shared.Jobs.JobInfo>,
    Microsoft.AspNetCore.Http.HttpResults.NotFound<CheckpointDashboard.Dashboard.Api.ProblemMessage>,
    Microsoft.AspNetCore.Http.HttpResults.BadRequest<CheckpointDashboard.Dashboard.Api.ProblemMessage>,
    Microsoft.AspNetCore.Http.HttpResults.Conflict<CheckpointDashboard.Dashboard.Api.ProblemMessage>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<CheckpointDashboard.Dashboard.Api.ProblemMessage>>;

namespace CheckpointDashboard.Dashboard.Api;

/// <summary>
/// Job endpoints under <c>/api/v1</c>. Every mutating operation is handed to <see cref="IJobService"/> and answered
/// <c>202 Accepted</c> with the job and a <c>Location</c> to follow it: the work runs in the background and its progress
/// is pushed through <c>/hubs/jobs</c>. Requests may carry <c>expectedVersion</c>, the <see cref="VmVersion"/> the caller
/// saw, so that nothing acts on a checkpoint tree the operator never looked at.
/// </summary>
public static class JobsApi
{
    /// <summary>The most jobs one listing returns; history beyond that is paged with <c>since</c>.</summary>
    public const int MaxLimit = 5000;

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Jobs").RequireAuthorization(RightPolicies.View);
        api.MapPost("/vms/{vmId:guid}/checkpoints", CreateCheckpointAsync).RequireAuthorization(RightPolicies.CreateCheckpoint);
        api.MapPost("/vms/{vmId:guid}/revert", RevertAsync).RequireAuthorization(RightPolicies.ApplyCheckpoint);
        api.MapPut("/vms/{vmId:guid}/checkpoint-settings", ChangeSettingsAsync).RequireAuthorization(RightPolicies.ChangeSettings);
        api.MapDelete("/checkpoints/{checkpointId:guid}", DeleteCheckpointAsync).RequireAuthorization(RightPolicies.DeleteCheckpoint);
        api.MapPost("/checkpoints/{checkpointId:guid}/apply", ApplyAsync).RequireAuthorization(RightPolicies.ApplyCheckpoint);
        api.MapPost("/checkpoints/{checkpointId:guid}/rename", RenameAsync).RequireAuthorization(RightPolicies.CreateCheckpoint);
        api.MapPost("/checkpoints/{checkpointId:guid}/export", ExportAsync).RequireAuthorization(RightPolicies.CreateCheckpoint);
        api.MapGet("/jobs", ListJobsAsync);
        api.MapGet("/jobs/{id:guid}", GetJobAsync);
        api.MapPost("/jobs/{id:guid}/cancel", CancelAsync).RequireAuthorization(RightPolicies.CreateCheckpoint);
        return endpoints;
    }

    /// <summary>Who is asking: the signed-in user (or the owner of the API token). Every endpoint asks here.</summary>
    internal static string CurrentUser(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.User.Identity?.Name is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException("An endpoint that acts for a user was reached without a signed-in user; its authorization is missing.");
    }

    // The job service and the audit log are registered by their own module; [FromServices] keeps an interface that is
    // not (yet) registered from being inferred as the request body, which would break every route at startup.
    private static async Task<SubmitResult> CreateCheckpointAsync(
        Guid vmId, HttpRequest request, IFleetInventory inventory, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        if (inventory.Current.FindVm(vmId) is null)
        {
            return VmNotFound(vmId);
        }

        var (body, problem) = await ApiInput.ReadBodyAsync<NameBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // No name (or no body) asks for Hyper-V's default name ("VM - (date time)"); a name that is given must be valid.
        var invalid = (body?.Name is { } name ? NameProblem(name) : null) ?? VersionProblem(body?.ExpectedVersion);
        return invalid is not null
            ? BadRequest(invalid)
            : await SubmitAsync(jobs, request.HttpContext, new CreateCheckpointRequest(vmId, body?.Name, body?.ExpectedVersion), cancellationToken);
    }

    private static async Task<SubmitResult> RevertAsync(
        Guid vmId, HttpRequest request, IFleetInventory inventory, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        if (inventory.Current.FindVm(vmId) is null)
        {
            return VmNotFound(vmId);
        }

        var (body, problem) = await ApiInput.ReadBodyAsync<VersionBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return VersionProblem(body?.ExpectedVersion) is { } invalid
            ? BadRequest(invalid)
            : await SubmitAsync(jobs, request.HttpContext, new RevertVmRequest(vmId, body?.ExpectedVersion), cancellationToken);
    }

    private static async Task<SubmitResult> ChangeSettingsAsync(
        Guid vmId, HttpRequest request, IFleetInventory inventory, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        if (inventory.Current.FindVm(vmId) is null)
        {
            return VmNotFound(vmId);
        }

        var (body, problem) = await ApiInput.ReadBodyAsync<SettingsBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body is null || (body.CheckpointType is null && body.AutomaticCheckpoints is null && body.CheckpointFileLocation is null))
        {
            return BadRequest("Give at least one of the fields 'checkpointType', 'automaticCheckpoints' and 'checkpointFileLocation'.");
        }

        var errors = new List<string>();
        var type = ApiInput.ReadCheckpointType(body.CheckpointType, "checkpointType", errors);
        if (errors.Count > 0)
        {
            return BadRequest(string.Join(" ", errors));
        }

        if (body.CheckpointFileLocation is { } location && string.IsNullOrWhiteSpace(location))
        {
            return BadRequest("The field 'checkpointFileLocation' cannot be blank; leave it out to keep the current location.");
        }

        return VersionProblem(body.ExpectedVersion) is { } invalid
            ? BadRequest(invalid)
            : await SubmitAsync(jobs, request.HttpContext,
                new ChangeCheckpointSettingsRequest(vmId, type, body.AutomaticCheckpoints, body.CheckpointFileLocation, body.ExpectedVersion),
                cancellationToken);
    }

    private static async Task<SubmitResult> DeleteCheckpointAsync(
        Guid checkpointId, HttpRequest request, IFleetInventory inventory, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        if (inventory.Current.FindCheckpoint(checkpointId) is not { } found)
        {
            return CheckpointNotFound(checkpointId);
        }

        var query = new QueryParameters(request.Query);
        var subtreeText = query.Text("subtree");
        var subtree = false;
        if (subtreeText is not null && !bool.TryParse(subtreeText, out subtree))
        {
            return BadRequest($"The query parameter 'subtree' must be true or false; '{subtreeText}' is not.");
        }

        // Some HTTP clients cannot send a body with DELETE, so expectedVersion may also come in the query string.
        var (body, problem) = await ApiInput.ReadBodyAsync<VersionBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var expectedVersion = body?.ExpectedVersion ?? query.Text("expectedVersion");
        return VersionProblem(expectedVersion) is { } invalid
            ? BadRequest(invalid)
            : await SubmitAsync(jobs, request.HttpContext,
                new DeleteCheckpointRequest(found.Vm.Id, checkpointId, subtree, expectedVersion), cancellationToken);
    }

    private static async Task<SubmitResult> ApplyAsync(
        Guid checkpointId, HttpRequest request, IFleetInventory inventory, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        if (inventory.Current.FindCheckpoint(checkpointId) is not { } found)
        {
            return CheckpointNotFound(checkpointId);
        }

        var (body, problem) = await ApiInput.ReadBodyAsync<ApplyBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return VersionProblem(body?.ExpectedVersion) is { } invalid
            ? BadRequest(invalid)
            : await SubmitAsync(jobs, request.HttpContext,
                new ApplyCheckpointRequest(found.Vm.Id, checkpointId, body?.CreateCheckpointFirst ?? false, body?.ExpectedVersion),
                cancellationToken);
    }

    private static async Task<SubmitResult> RenameAsync(
        Guid checkpointId, HttpRequest request, IFleetInventory inventory, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        if (inventory.Current.FindCheckpoint(checkpointId) is not { } found)
        {
            return CheckpointNotFound(checkpointId);
        }

        var (body, problem) = await ApiInput.ReadBodyAsync<NameBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body?.Name is not { } name)
        {
            return BadRequest("The field 'name' is required: the checkpoint's new name.");
        }

        return (NameProblem(name) ?? VersionProblem(body.ExpectedVersion)) is { } invalid
            ? BadRequest(invalid)
            : await SubmitAsync(jobs, request.HttpContext,
                new RenameCheckpointRequest(found.Vm.Id, checkpointId, name, body.ExpectedVersion), cancellationToken);
    }

    private static async Task<SubmitResult> ExportAsync(
        Guid checkpointId, HttpRequest request, IFleetInventory inventory, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        if (inventory.Current.FindCheckpoint(checkpointId) is not { } found)
        {
            return CheckpointNotFound(checkpointId);
        }

        var (body, problem) = await ApiInput.ReadBodyAsync<ExportBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Whether the folder exists and may be written is for the host to say; the job service reports it.
        if (string.IsNullOrWhiteSpace(body?.Path))
        {
            return BadRequest("The field 'path' is required: the folder on the host to export the checkpoint to.");
        }

        return VersionProblem(body.ExpectedVersion) is { } invalid
            ? BadRequest(invalid)
            : await SubmitAsync(jobs, request.HttpContext,
                new ExportCheckpointRequest(found.Vm.Id, checkpointId, body.Path, body.ExpectedVersion), cancellationToken);
    }

    private static async Task<Results<Ok<IReadOnlyList<JobInfo>>, BadRequest<ProblemMessage>>> ListJobsAsync(
        HttpRequest request, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters(request.Query);
        var query = new JobQuery
        {
            VmId = parameters.Guid("vmId"),
            Host = parameters.Text("host"),
            States = parameters.Enums<JobState>("state"),
            Kinds = parameters.Enums<JobKind>("kind"),
            Search = parameters.Text("search"),
            Since = parameters.Time("since"),
            Limit = parameters.Limit("limit", new JobQuery().Limit, MaxLimit),
        };
        if (parameters.Problem is { } problem)
        {
            return TypedResults.BadRequest(new ProblemMessage(problem));
        }

        return TypedResults.Ok(await jobs.QueryAsync(query, cancellationToken));
    }

    private static async Task<Results<Ok<JobInfo>, NotFound<ProblemMessage>>> GetJobAsync(
        Guid id, [FromServices] IJobService jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(id, cancellationToken) is { } job
            ? TypedResults.Ok(job)
            : TypedResults.NotFound(new ProblemMessage($"No job with id {id} is known."));

    // 202 like the other operations: a running Hyper-V job is only asked to stop, and the outcome follows on the hub.
    private static async Task<SubmitResult> CancelAsync(
        Guid id, HttpContext httpContext, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        try
        {
            return Accepted(await jobs.CancelAsync(id, CurrentUser(httpContext), cancellationToken));
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    private static async Task<SubmitResult> SubmitAsync(IJobService jobs, HttpContext httpContext, JobRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return Accepted(await jobs.SubmitAsync(request, CurrentUser(httpContext), cancellationToken));
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    private static Accepted<JobInfo> Accepted(JobInfo job) => TypedResults.Accepted($"/api/v1/jobs/{job.Id}", job);

    private static SubmitResult VmNotFound(Guid vmId) =>
        TypedResults.NotFound(new ProblemMessage($"No VM with id {vmId} is in the inventory."));

    private static SubmitResult CheckpointNotFound(Guid checkpointId) =>
        TypedResults.NotFound(new ProblemMessage($"No checkpoint with id {checkpointId} is in the inventory."));

    private static SubmitResult BadRequest(string message) => TypedResults.BadRequest(new ProblemMessage(message));

    private static string? NameProblem(string name) =>
        CheckpointNames.Validate(name) is { } problem ? $"The field 'name' is not a valid checkpoint name: {problem}" : null;

    private static string? VersionProblem(string? expectedVersion) =>
        expectedVersion is not null && string.IsNullOrWhiteSpace(expectedVersion)
            ? "The field 'expectedVersion' cannot be blank; leave it out to skip the check."
            : null;

    private sealed record NameBody(string? Name, string? ExpectedVersion);

    private sealed record VersionBody(string? ExpectedVersion);

    private sealed record ApplyBody(bool? CreateCheckpointFirst, string? ExpectedVersion);

    private sealed record ExportBody(string? Path, string? ExpectedVersion);

    // The type is text here so that an unknown one is answered with the names that are allowed.
    private sealed record SettingsBody(string? CheckpointType, bool? AutomaticCheckpoints, string? CheckpointFileLocation, string? ExpectedVersion);
}
