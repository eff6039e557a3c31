using System.Globalization;
using CheckpointDashboard.Dashboard.Api;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>
/// Host credentials under <c>/api/v1/credentials</c>, for administrators (<see cref="RightPolicies.ManageHosts"/>): the list
/// (name, user name, source, who saved it and when, version, the hosts that use it, whether it can be used), one by name,
/// <c>PUT /{name}</c> to create or change one (<c>{ userName, password, expectedVersion }</c>) and
/// <c>DELETE /{name}?expectedVersion=N</c>. No answer ever carries a password, in any form.
/// </summary>
public static class CredentialsApi
{
    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/credentials").WithTags("Credentials").RequireAuthorization(RightPolicies.ManageHosts);
        api.MapGet("", ([FromServices] ProtectedCredentialStore store) => TypedResults.Ok(store.List()));
        api.MapGet("/{name}", GetAsync);
        api.MapPut("/{name}", PutAsync);
        api.MapDelete("/{name}", DeleteAsync);
        return endpoints;
    }

    private static Task<Results<Ok<CredentialSummary>, JsonHttpResult<ProblemMessage>, NotFound<ProblemMessage>>> GetAsync(
        string name, [FromServices] ProtectedCredentialStore store)
    {
        Results<Ok<CredentialSummary>, JsonHttpResult<ProblemMessage>, NotFound<ProblemMessage>> result =
            CredentialName.Problem(name) is { } problem ? ApiInput.Invalid(problem)
            : store.Get(name) is { } credential ? TypedResults.Ok(credential)
            : TypedResults.NotFound(new ProblemMessage($"No credential named '{name}' exists."));
        return Task.FromResult(result);
    }

    private static async Task<Results<Ok<CredentialSummary>, Created<CredentialSummary>, JsonHttpResult<ProblemMessage>>> PutAsync(
        string name, HttpRequest request, [FromServices] ProtectedCredentialStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiInput.ReadBodyAsync<CredentialBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body is null)
        {
            return ApiInput.Invalid("The request body is required: { \"userName\": ..., \"password\": ..., \"expectedVersion\": ... }.");
        }

        try
        {
            var created = store.Get(name) is not { Source: CredentialSource.Store };
            var saved = await store.SaveAsync(
                new CredentialChange(name, body.UserName ?? string.Empty, body.Password, body.ExpectedVersion),
                JobsApi.CurrentUser(request.HttpContext),
                cancellationToken);
            return created ? TypedResults.Created($"/api/v1/credentials/{Uri.EscapeDataString(saved.Name)}", saved) : TypedResults.Ok(saved);
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    private static async Task<Results<NoContent, JsonHttpResult<ProblemMessage>>> DeleteAsync(
        string name, HttpContext httpContext, [FromServices] ProtectedCredentialStore store, CancellationToken cancellationToken)
    {
        int? expectedVersion = null;
        if (httpContext.Request.Query.TryGetValue("expectedVersion", out var values))
        {
            if (!int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return ApiInput.Invalid($"The parameter 'expectedVersion' must be a whole number; '{values}' is not.");
            }

            expectedVersion = version;
        }

        try
        {
            await store.DeleteAsync(name, expectedVersion, JobsApi.CurrentUser(httpContext), cancellationToken);
            return TypedResults.NoContent();
        }
        catch (JobRejectedException ex)
        {
            return ApiInput.Rejected(ex);
        }
    }

    /// <summary>The body of a PUT. A password is write-only: it comes in here and never goes out.</summary>
    private sealed record CredentialBody(string? UserName, string? Password, int? ExpectedVersion)
    {
        public override string ToString() => $"{UserName}, version {ExpectedVersion}";
    }
}
