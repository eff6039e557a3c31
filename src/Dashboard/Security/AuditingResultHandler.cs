using CheckpointDashboard.Shared.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>Writes every permission denial (a signed-in user refused by a policy) to the audit trail, then answers as usual.</summary>
public sealed class AuditingResultHandler(IAuditLog audit, TimeProvider time) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            var rights = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RightRequirement>().Select(r => r.Right.ToString()) ?? [];
            await audit.WriteAsync(new AuditEntry
            {
                At = time.GetUtcNow(),
                User = context.User.Identity?.Name ?? "anonymous",
                Action = "Access",
                Target = $"{context.Request.Method} {context.Request.Path}",
                Parameters = $"needs={string.Join(",", rights)}",
                Outcome = "Denied",
                Detail = "The user's roles do not grant this.",
            }, CancellationToken.None);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
