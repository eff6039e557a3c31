using Bunit;
using CheckpointDashboard.Dashboard.Components.Account;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Security.Tokens;
using CheckpointDashboard.Tests.Unit.Dashboard.Components;
using CheckpointDashboard.Tests.Unit.TestSupport;
using MudBlazor;
using MudBlazor.Services;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security.Tokens;

/// <summary>
/// <c>/account/tokens</c> over the real token service and store: a new token is shown once and never again, the list
/// shows what identifies a token, and revoking asks first.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class TokensPageTests : BunitContext, IClassFixture<TokenAppFixture>
{
    private readonly TokenAppFixture _app;
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public TokensPageTests(TokenAppFixture app)
    {
        _app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.PopoverOptions.Duration = TimeSpan.Zero;
        });
        Services.AddSingleton(app.Tokens);
        Services.AddSingleton(app.Services.GetRequiredService<IUserAccess>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<CurrentOperator>();
        AddAuthorization().SetAuthorized(TokenAppFixture.Viewer);
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ShowsTheTokenOnce_ThenNeverAgain()
    {
        var cut = Render<TokensPage>();

        cut.Find("#token-name").Input("page check");
        cut.Button("Create token").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("cpd_", cut.Find("#new-token-value").GetAttribute("value"), StringComparison.Ordinal), TestTimeouts.Short);
        var token = cut.Find("#new-token-value").GetAttribute("value")!;
        Assert.Contains("it is not shown again", cut.Find("[data-testid=new-token]").Text(), StringComparison.Ordinal);
        Assert.True((await _app.Tokens.ValidateAsync(token, Token).WaitAsync(TestTimeouts.Short, Token)).Succeeded);
        var row = Assert.Single(cut.TableRows("tokens"), r => r.StartsWith("page check", StringComparison.Ordinal));
        Assert.Contains($"{token[..8]}…", row, StringComparison.Ordinal);
        Assert.Contains(" active", row, StringComparison.Ordinal);

        cut.Button("I have copied it").Click();

        Assert.DoesNotContain(token, cut.Markup, StringComparison.Ordinal);
        var again = Render<TokensPage>();
        again.WaitForAssertion(() => Assert.Contains(again.TableRows("tokens"), r => r.StartsWith("page check", StringComparison.Ordinal)), TestTimeouts.Short);
        Assert.DoesNotContain(token[8..], again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_AfterConfirmation_MarksTheTokenRevoked_AndItOpensNothing()
    {
        var created = await _app.CreateAsync(TokenAppFixture.Viewer, "to revoke");
        var cut = Render<TokensPage>();
        cut.WaitForAssertion(() => cut.Button("Revoke to revoke"), TestTimeouts.Short);

        cut.Button("Revoke to revoke").Click();
        _dialogs.WaitForAssertion(() => _dialogs.DialogButton("Revoke token", "Revoke"), TestTimeouts.Short);
        _dialogs.DialogButton("Revoke token", "Revoke").Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.TableRows("tokens"), r => r.StartsWith("to revoke", StringComparison.Ordinal) &&
            r.Contains($"revoked by {TokenAppFixture.Viewer}", StringComparison.Ordinal)), TestTimeouts.Short);
        Assert.Equal(ApiTokenValidation.Revoked, (await _app.Tokens.ValidateAsync(created.Token, Token).WaitAsync(TestTimeouts.Short, Token)).Failure);
    }
}
