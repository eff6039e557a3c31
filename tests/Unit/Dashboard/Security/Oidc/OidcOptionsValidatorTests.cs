using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Security.Oidc;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security.Oidc;

/// <summary>One test per <c>Auth:Oidc</c> rule, through the <c>Auth</c> validator the app runs at start.</summary>
public sealed class OidcOptionsValidatorTests
{
    [Fact]
    public void Validate_Disabled_AcceptsAnEmptySection()
    {
        var result = Validate(new OidcOptions { Enabled = false, Authority = "not a url", CallbackPath = "x" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_CompleteSettings_Succeed()
    {
        Assert.True(Validate(Valid()).Succeeded);
    }

    [Fact]
    public void Validate_MissingAuthority_NamesTheKey() =>
        AssertFails(Valid(o => o.Authority = null), "Auth:Oidc:Authority: required");

    [Fact]
    public void Validate_RelativeAuthority_NamesTheKey() =>
        AssertFails(Valid(o => o.Authority = "/realms/ops"), "Auth:Oidc:Authority: '/realms/ops' is not an absolute https URL");

    [Fact]
    public void Validate_HttpAuthorityWhileHttpsRequired_NamesBothKeys() =>
        AssertFails(Valid(o => o.Authority = "http://keycloak.lab/realms/ops"), "Auth:Oidc:Authority: must be https (or set Auth:Oidc:RequireHttpsMetadata");

    [Fact]
    public void Validate_HttpAuthorityWithHttpsNotRequired_Succeeds()
    {
        var result = Validate(Valid(o => (o.Authority, o.RequireHttpsMetadata) = ("http://keycloak.lab/realms/ops", false)));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_MissingClientId_NamesTheKey() =>
        AssertFails(Valid(o => o.ClientId = " "), "Auth:Oidc:ClientId: required");

    [Fact]
    public void Validate_MappingWithoutGroup_NamesItsIndex() =>
        AssertFails(Valid(o => o.GroupRoles.Add(new OidcGroupRole { Role = "Viewer" })), "Auth:Oidc:GroupRoles:1:Group: required");

    [Fact]
    public void Validate_MappingWithoutRole_NamesItsIndex() =>
        AssertFails(Valid(o => o.GroupRoles.Add(new OidcGroupRole { Group = "ops" })), "Auth:Oidc:GroupRoles:1:Role: required");

    [Fact]
    public void Validate_CallbackPathNotOnThisSite_NamesTheKey() =>
        AssertFails(Valid(o => o.CallbackPath = "https://elsewhere/cb"), "Auth:Oidc:CallbackPath:");

    [Fact]
    public void Validate_BlankClaimNames_NameTheirKeys()
    {
        var result = Validate(Valid(o => (o.UserNameClaim, o.GroupsClaim, o.DisplayName) = ("", " ", "")));

        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Oidc:UserNameClaim:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Oidc:GroupsClaim:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Oidc:DisplayName:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Failure_NeverQuotesTheClientSecret()
    {
        const string Secret = "very-secret-client-value";

        var result = Validate(Valid(o => (o.ClientSecret, o.ClientId, o.Authority) = (Secret, null, "ftp://x")));

        Assert.False(result.Succeeded);
        Assert.DoesNotContain(Secret, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectiveScopes_EmptyOrCustom_AlwaysIncludeOpenid()
    {
        Assert.Equal(["openid", "profile", "email"], new OidcOptions().EffectiveScopes);
        Assert.Equal(["openid", "profile", "groups"], new OidcOptions { Scopes = ["profile", "groups", "openid"] }.EffectiveScopes);
    }

    private static void AssertFails(OidcOptions options, string expected)
    {
        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(OidcOptions oidc) =>
        new AuthOptionsValidator().Validate(null, new AuthOptions { Oidc = oidc });

    private static OidcOptions Valid(Action<OidcOptions>? change = null)
    {
        var options = new OidcOptions
        {
            Enabled = true,
            Authority = "https://login.microsoftonline.com/contoso/v2.0",
            ClientId = "dashboard",
            GroupRoles = [new OidcGroupRole { Group = "ops", Role = "Operator" }],
        };
        change?.Invoke(options);
        return options;
    }
}
