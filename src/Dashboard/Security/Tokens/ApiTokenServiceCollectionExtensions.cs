using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CheckpointDashboard.Dashboard.Security.Tokens;

public static class ApiTokenServiceCollectionExtensions
{
    /// <summary>
    /// The scheme that picks, per request, how it is authenticated: <see cref="ApiTokenAuthenticationHandler.SchemeName"/>
    /// when an API or hub request presents a token, else the Identity cookie.
    /// </summary>
    public const string AutoScheme = "CpdAuto";

    /// <summary>
    /// API tokens: the <see cref="ApiTokenService"/>, the Bearer scheme, and <see cref="AutoScheme"/> as the default for
    /// authenticating, challenging and forbidding, so every policy (the fallback one included) accepts a cookie or a
    /// token without naming schemes. Call after <c>AddAuthentication</c>; sign-in and sign-out stay the cookie's.
    /// </summary>
    public static AuthenticationBuilder AddApiTokens(this AuthenticationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ApiTokenService>();
        builder.Services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultAuthenticateScheme = AutoScheme;
            options.DefaultChallengeScheme = AutoScheme;
            options.DefaultForbidScheme = AutoScheme;
        });
        builder.AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, _ => { });
        builder.AddPolicyScheme(AutoScheme, "Cookie or API token", options => options.ForwardDefaultSelector = context =>
            AuthServiceCollectionExtensions.IsScriptPath(context.Request.Path) && ApiTokenAuthenticationHandler.Presented(context.Request) is not null
                ? ApiTokenAuthenticationHandler.SchemeName
                : IdentityConstants.ApplicationScheme);
        return builder;
    }
}
