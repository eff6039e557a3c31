using CheckpointDashboard.Dashboard.Store;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Security;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Sign-in with local accounts (ASP.NET Core Identity on the store: hashed passwords, lockout, password rules) and a
    /// cookie; one authorization policy per right; and a fallback policy that makes every endpoint without its own
    /// (pages, API, hub) require a signed-in user. Register after <c>AddStore</c>: the first administrator is created
    /// once the store is migrated.
    /// </summary>
    public static IServiceCollection AddDashboardAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        Tokens.ApiTokenServiceCollectionExtensions.AddApiTokens(services.AddAuthentication());
        services.AddIdentityCore<DashboardUser>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DashboardClaimsFactory>()
            .AddDefaultTokenProviders();
        Oidc.OidcServiceCollectionExtensions.AddDashboardOidc(services);
        services.AddSingleton<IConfigureOptions<IdentityOptions>, ConfigureIdentity>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, ConfigureCookie>();
        services.AddSingleton<IConfigureOptions<SecurityStampValidatorOptions>>(sp => new ConfigureOptions<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = sp.GetRequiredService<IOptions<AuthOptions>>().Value.RevalidateSessionEvery));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddRightPolicies();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingResultHandler>());
        services.AddCascadingAuthenticationState();
        services.TryAddScoped<CurrentOperator>();
        services.TryAddSingleton<IUserAccess, StoreUserAccess>();
        services.TryAddSingleton<UserAdministration>();
        services.AddSingleton<IAuthorizationHandler, RightHandler>();
        services.TryAddScoped<AuthenticationStateProvider, Microsoft.AspNetCore.Components.Server.ServerAuthenticationStateProvider>();
        services.AddHostedService<BootstrapAdmin>();
        return services;
    }

    private static AuthorizationBuilder AddRightPolicies(this AuthorizationBuilder builder)
    {
        foreach (var right in Enum.GetValues<Right>().Where(r => r is not (Right.None or Right.All)))
        {
            builder.AddPolicy(RightPolicies.For(right), policy => policy.RequireAuthenticatedUser().AddRequirements(new RightRequirement(right)));
        }

        return builder;
    }

    private sealed class ConfigureIdentity(IOptions<AuthOptions> auth) : IConfigureOptions<IdentityOptions>
    {
        public void Configure(IdentityOptions options)
        {
            var settings = auth.Value;
            options.Password.RequiredLength = settings.MinimumPasswordLength;
            options.Password.RequireNonAlphanumeric = false;
            options.Password.RequiredUniqueChars = 4;
            options.Lockout.AllowedForNewUsers = true;
            options.Lockout.MaxFailedAccessAttempts = settings.MaxFailedAttempts;
            options.Lockout.DefaultLockoutTimeSpan = settings.LockoutDuration;
            options.User.RequireUniqueEmail = false;
            options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+\\";
        }
    }

    /// <summary>
    /// The cookie: sign-in page, lifetime, and for the API and the hub a plain 401 or 403 instead of a redirect to a page
    /// a script cannot use.
    /// </summary>
    private sealed class ConfigureCookie(IOptions<AuthOptions> auth) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name != IdentityConstants.ApplicationScheme)
            {
                return;
            }

            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/denied";
            options.ExpireTimeSpan = auth.Value.SessionLifetime;
            options.SlidingExpiration = true;
            options.Cookie.Name = "cpd.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        }

        private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
        {
            if (IsScriptPath(context.Request.Path))
            {
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            }

            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
    }

    /// <summary>The API and the hub answer with status codes; pages redirect.</summary>
    internal static bool IsScriptPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);
}
