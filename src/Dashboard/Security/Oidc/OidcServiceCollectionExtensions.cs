using CheckpointDashboard.Shared.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CheckpointDashboard.Dashboard.Security.Oidc;

public static class OidcServiceCollectionExtensions
{
    /// <summary>
    /// Single sign-on: the OpenID Connect handler (scheme <see cref="OidcOptions.Scheme"/>), signing into Identity's
    /// external cookie, which <see cref="OidcSignIn"/> turns into the ordinary session. Register after Identity (its
    /// external cookie comes from <c>AddIdentityCookies</c>). The handler reads the provider's metadata at the first
    /// challenge, not at start, so the app starts while the provider is down.
    /// </summary>
    /// <remarks>
    /// This is what <c>AddOpenIdConnect</c> registers, except that the scheme itself is added only when the validated
    /// <c>Auth:Oidc:Enabled</c> says so, read from the options rather than from the configuration at registration: a
    /// configuration source added after registration (a test host's, for one) then still decides. Without the scheme, the
    /// handler never runs and its options are never built, so an unconfigured provider costs nothing.
    /// </remarks>
    public static IServiceCollection AddDashboardOidc(this IServiceCollection services)
    {
        services.TryAddSingleton<OidcRoleMapper>();
        services.TryAddScoped<OidcSignIn>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.TryAddTransient<OpenIdConnectHandler>();
        services.AddOptions<OpenIdConnectOptions>(OidcOptions.Scheme)
            .Configure<IOptions<AuthOptions>>((handler, auth) => Configure(handler, auth.Value.Oidc))
            .Validate(handler =>
            {
                handler.Validate(OidcOptions.Scheme);
                return true;
            });
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<AuthOptions>>((authentication, auth) =>
        {
            if (auth.Value.Oidc is { Enabled: true } oidc)
            {
                authentication.AddScheme<OpenIdConnectHandler>(OidcOptions.Scheme, oidc.DisplayName);
            }
        });
        return services;
    }

    private static void Configure(OpenIdConnectOptions handler, OidcOptions settings)
    {
        handler.Authority = settings.Authority;
        handler.ClientId = settings.ClientId;
        handler.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
        handler.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        handler.CallbackPath = settings.CallbackPath;
        handler.SignInScheme = IdentityConstants.ExternalScheme;
        handler.ResponseType = OpenIdConnectResponseType.Code;
        handler.UsePkce = true;

        // Nothing calls the provider's APIs on the user's behalf, so no token is kept (in the cookie or anywhere).
        handler.SaveTokens = false;
        handler.GetClaimsFromUserInfoEndpoint = true;

        // The provider's own claim names (sub, preferred_username, groups, roles), as Auth:Oidc names them.
        handler.MapInboundClaims = false;
        handler.TokenValidationParameters.NameClaimType = settings.UserNameClaim;
        handler.TokenValidationParameters.RoleClaimType = OidcRoleMapper.RolesClaim;
        handler.Scope.Clear();
        foreach (var scope in settings.EffectiveScopes)
        {
            handler.Scope.Add(scope);
        }

        // Claims that only the user info answer carries (Keycloak can put groups there) are kept too.
        handler.ClaimActions.MapJsonKey(settings.GroupsClaim, settings.GroupsClaim);
        handler.ClaimActions.MapJsonKey(OidcRoleMapper.RolesClaim, OidcRoleMapper.RolesClaim);
        foreach (var type in new[] { settings.UserNameClaim }.Concat(OidcOptions.UserNameFallbacks).Distinct(StringComparer.Ordinal))
        {
            handler.ClaimActions.MapUniqueJsonKey(type, type);
        }

        handler.Events.OnRemoteFailure = OnRemoteFailureAsync;
    }

    /// <summary>
    /// A refused or broken answer from the provider (the user cancelled, a stale correlation cookie, a bad token): a page
    /// that says so instead of an exception, a log line (the handler's message names the protocol error, never a token)
    /// and an audit line.
    /// </summary>
    private static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        var services = context.HttpContext.RequestServices;
        services.GetRequiredService<ILoggerFactory>().CreateLogger<OidcSignIn>()
            .LogWarning("Single sign-on failed at the provider's answer: {Reason}", context.Failure?.Message);
        await services.GetRequiredService<IAuditLog>().WriteAsync(new AuditEntry
        {
            At = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            User = "unknown",
            Action = "SignIn",
            Parameters = "refused=the provider's answer failed",
            Outcome = "Failed",
            Detail = OidcSignIn.AuditDetail,
        }, CancellationToken.None);
        context.Response.Redirect(OidcEndpoints.RefusedUrl(OidcRefusal.Failed));
        context.HandleResponse();
    }
}
