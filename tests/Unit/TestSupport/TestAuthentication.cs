using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// Authentication for API tests that are not about sign-in: every request is the user named by the
/// <see cref="UserHeader"/> header (default <see cref="DefaultUser"/>, the administrator the test app bootstraps), or
/// anonymous when the header is <c>-</c>. Authorization stays the app's own: rights come from that user's roles in the
/// store, exactly as for a signed-in user.
/// </summary>
internal sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string DefaultUser = "local";
    public const string DefaultPassword = "Test-password-1234";

    /// <summary>Makes the test scheme the default one of the app's services.</summary>
    public static void Use(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthentication>(SchemeName, _ => { });
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = SchemeName;
            o.DefaultAuthenticateScheme = SchemeName;
            o.DefaultChallengeScheme = SchemeName;
            o.DefaultForbidScheme = SchemeName;
        });
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString() is { Length: > 0 } named ? named : DefaultUser;
        if (user == "-")
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.NameIdentifier, user)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
