using CheckpointDashboard.Dashboard.Hosting.Hardening;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SignInPage = CheckpointDashboard.Dashboard.Components.Account.SignIn;

namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>
/// The two single sign-on endpoints, mapped only when <c>Auth:Oidc:Enabled</c>: <c>GET /account/signin/oidc</c> sends
/// the browser to the provider, and <c>GET /account/signin/oidc/done</c>, where the handler returns it after checking the
/// provider's answer at the callback path, finishes through <see cref="OidcSignIn"/>. Both are open to anonymous users;
/// the second, where accounts are created and sessions begin, counts against the sign-in rate limit (the first only
/// redirects, and counting it too would halve the sign-ins a shared address gets).
/// </summary>
public static class OidcEndpoints
{
    public const string ChallengePath = "/account/signin/oidc";
    public const string DonePath = "/account/signin/oidc/done";
    public const string RefusedPath = "/account/signin/oidc/refused";

    public static WebApplication MapOidcSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Oidc.Enabled)
        {
            return app;
        }

        app.MapGet(ChallengePath, (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = DoneUrl(returnUrl) }, [OidcOptions.Scheme]))
            .AllowAnonymous();
        app.MapGet(DonePath, async (HttpContext context, string? returnUrl, OidcSignIn oidc, CancellationToken cancellationToken) =>
            {
                var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
                if (!external.Succeeded || external.Principal is null)
                {
                    // Reached without a provider answer (a bookmark, a reload after completion, an expired external cookie).
                    return Results.Redirect(RefusedUrl(OidcRefusal.Failed));
                }

                var result = await oidc.CompleteAsync(external.Principal, cancellationToken);
                return Results.Redirect(result.Succeeded ? SignInPage.SafeReturnUrl(returnUrl) : RefusedUrl(result.Refusal));
            })
            .AllowAnonymous()
            .RequireRateLimiting(HardeningPolicies.SignIn);
        return app;
    }

    /// <summary>The sign-in page's link: start single sign-on, coming back to <paramref name="returnUrl"/> (on this site only).</summary>
    public static string ChallengeUrl(string? returnUrl) =>
        $"{ChallengePath}?returnUrl={Uri.EscapeDataString(SignInPage.SafeReturnUrl(returnUrl))}";

    internal static string DoneUrl(string? returnUrl) =>
        $"{DonePath}?returnUrl={Uri.EscapeDataString(SignInPage.SafeReturnUrl(returnUrl))}";

    internal static string RefusedUrl(OidcRefusal refusal) => $"{RefusedPath}?reason={refusal}";
}
