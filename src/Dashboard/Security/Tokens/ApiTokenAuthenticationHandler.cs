using System.Security.Claims;
using System.Text.Encodings.Web;
using CheckpointDashboard.Dashboard.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Security.Tokens;

/// <summary>
/// The <c>Bearer</c> scheme: a request carrying <c>Authorization: Bearer cpd_…</c> (or, on <c>/hubs/</c> only, the
/// <c>access_token</c> query parameter browsers' SignalR clients must use for WebSockets) is its token's owner. A token
/// that opens nothing fails authentication with the reason, and the challenge answers 401 with that sentence as JSON.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>The claim naming the token a request came with (its id), for whoever needs to tell scripts from people.</summary>
    public const string TokenIdClaim = "cpd:api_token";

    private const string QueryParameter = "access_token";

    /// <summary>The token the request presents, or null when it presents none.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return header[(SchemeName.Length + 1)..].Trim();
        }

        // Browsers cannot set headers on a WebSocket, so SignalR sends the token in the query string; nowhere else is
        // it accepted there (a URL ends up in histories, proxies and logs far more often than a header).
        if (request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) &&
            request.Query[QueryParameter].ToString() is { Length: > 0 } query)
        {
            return query;
        }

        return null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await tokens.ValidateAsync(presented, Context.RequestAborted);
        if (!result.Succeeded)
        {
            return AuthenticateResult.Fail(result.Failure ?? ApiTokenValidation.NotRecognised);
        }

        List<Claim> claims =
        [
            new(ClaimTypes.Name, result.UserName!),
            new(ClaimTypes.NameIdentifier, result.UserId!),
            new(TokenIdClaim, result.TokenId!.Value.ToString()),
        ];
        if (result.MustChangePassword)
        {
            // The forced password change applies to a user's tokens too: they open nothing until it is done.
            claims.Add(new Claim(DashboardClaimsFactory.MustChangePasswordClaim, "true"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>401 with the reason as <c>{"error": "..."}</c>: a script needs a sentence, not a sign-in page.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var reason = result.Failure?.Message ?? "An API token is needed: Authorization: Bearer cpd_…";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null ? SchemeName : $"{SchemeName} error=\"invalid_token\"";
        await Response.WriteAsJsonAsync(new ProblemMessage(reason), Context.RequestAborted);
    }
}
