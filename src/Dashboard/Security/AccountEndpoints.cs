using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CheckpointDashboard.Dashboard.Security;

public static class AccountEndpoints
{
    /// <summary>
    /// <c>POST /account/signout</c> (a form with the antiforgery token, from the app bar), and the rule that a user who
    /// must change a generated password reaches nothing else until they have.
    /// </summary>
    public static WebApplication MapAccount(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/account/signout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<DashboardUser> signIn, IAuditLog audit, TimeProvider time) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            var user = context.User.Identity?.Name;
            await signIn.SignOutAsync();
            if (user is not null)
            {
                await audit.WriteAsync(new AuditEntry { At = time.GetUtcNow(), User = user, Action = "SignOut", Outcome = "Completed" }, CancellationToken.None);
            }

            return Results.Redirect("/account/signin");
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>Sends a user who still has a one-time password to change it (pages) or refuses (API, hub) until they do.</summary>
    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.HasClaim(c => c.Type == DashboardClaimsFactory.MustChangePasswordClaim) &&
                !path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase) &&
                !path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase) &&
                !path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase))
            {
                if (AuthServiceCollectionExtensions.IsScriptPath(path))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsJsonAsync(new Api.ProblemMessage("Change your one-time password first (sign in to the dashboard)."));
                    return;
                }

                context.Response.Redirect("/account/password");
                return;
            }

            await next(context);
        });
}
