using Bunit;
using CheckpointDashboard.Dashboard.Components.Settings;
using CheckpointDashboard.Dashboard.Credentials;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Tests.Unit.Dashboard.Components;
using CheckpointDashboard.Tests.Unit.TestSupport;
using MudBlazor;
using MudBlazor.Services;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Credentials;

/// <summary>The credentials page over a real store: the list, the editor that never shows a password, delete with confirmation.</summary>
public sealed class CredentialsPageTests : BunitContext
{
    private const string Secret = CredentialStoreHarness.Secret;

    private readonly CredentialStoreHarness _harness = new(new Dictionary<string, string?>
    {
        ["Credentials:fromconfig:UserName"] = "config-user",
        ["Credentials:fromconfig:Password"] = "config-password",
    });

    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public CredentialsPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.PopoverOptions.Duration = TimeSpan.Zero;
        });
        Services.AddSingleton(_harness.Store);
        Services.AddSingleton<CheckpointDashboard.Dashboard.Security.IUserAccess>(new AllowEveryone());
        Services.AddScoped<CheckpointDashboard.Dashboard.Security.CurrentOperator>();
        AddAuthorization().SetAuthorized("admin-ann");
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        _harness.Fleet.Hosts.Add(new FleetHostOptions { Name = "HV01", Credential = "hyperv" });
    }

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _harness.Dispose();
    }

    [Fact]
    public async Task Render_ListsStoredAndConfiguredCredentialsWithWhoUsesThem()
    {
        await SaveAsync();

        var cut = Render<CredentialsPage>();

        var rows = cut.TableRows("credentials");
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("fromconfig config-user Configuration —", rows[0], StringComparison.Ordinal);
        Assert.StartsWith(@"hyperv CORP\svc-hvdash Stored HV01 alice ·", rows[1], StringComparison.Ordinal);
        Assert.Contains("v1 Usable", rows[1], StringComparison.Ordinal);
        Assert.Contains("Changes take effect after a restart", cut.Find("[data-testid=credentials-help]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_OpensWithAnEmptyPasswordFieldAndNeverShowsThePassword()
    {
        await SaveAsync();
        var cut = Render<CredentialsPage>();

        cut.Button("Edit hyperv").Click();

        _dialogs.WaitForAssertion(() => _dialogs.Dialog("Edit credential 'hyperv'"), TestTimeouts.Short);
        var password = _dialogs.Find("#credential-password");
        Assert.Equal("password", password.GetAttribute("type"));
        Assert.True(string.IsNullOrEmpty(password.GetAttribute("value")));
        Assert.Equal(@"CORP\svc-hvdash", _dialogs.Find("#credential-user").GetAttribute("value"));
        Assert.Contains("Leave empty to keep the current password.", _dialogs.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, _dialogs.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_SaveWithAnEmptyPassword_KeepsThePasswordAndChangesTheUser()
    {
        await SaveAsync();
        var cut = Render<CredentialsPage>();
        cut.Button("Edit hyperv").Click();
        _dialogs.WaitForAssertion(() => _dialogs.Dialog("Edit credential 'hyperv'"), TestTimeouts.Short);

        _dialogs.Find("#credential-user").Change(@"CORP\svc-new");
        _dialogs.DialogButton("Edit credential 'hyperv'", "Save credential").Click();

        cut.WaitForAssertion(() => Assert.Contains(@"CORP\svc-new", cut.TableRows("credentials")[1], StringComparison.Ordinal), TestTimeouts.Short);
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.DialogsTitled("Edit credential 'hyperv'")), TestTimeouts.Short);
        Assert.Equal(Secret, _harness.Store.Find("hyperv")?.Password);
        Assert.Equal("svc-new", _harness.Store.Find("hyperv")?.UserName);
        Assert.Equal("admin-ann", _harness.Store.Get("hyperv")?.UpdatedBy);
    }

    [Fact]
    public void Add_RefusedSave_ShowsTheReasonInlineAndClearsThePassword()
    {
        var cut = Render<CredentialsPage>();
        cut.Button("Add credential").Click();
        _dialogs.WaitForAssertion(() => _dialogs.Dialog("Add credential"), TestTimeouts.Short);

        _dialogs.Find("#credential-name").Change("bad name");
        _dialogs.Find("#credential-user").Change("svc");
        _dialogs.Find("#credential-password").Change(Secret);
        _dialogs.DialogButton("Add credential", "Save credential").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("name: ' ' is not allowed", _dialogs.Find("[data-testid=credential-errors]").Text(), StringComparison.Ordinal),
            TestTimeouts.Short);
        Assert.True(string.IsNullOrEmpty(_dialogs.Find("#credential-password").GetAttribute("value")));
        Assert.DoesNotContain(Secret, _dialogs.Markup, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.FilePath));
    }

    [Fact]
    public async Task Delete_AfterConfirmation_RemovesTheStoredCredential()
    {
        await SaveAsync();
        _harness.Fleet.Hosts.Clear();
        var cut = Render<CredentialsPage>();

        cut.Button("Delete hyperv").Click();
        _dialogs.WaitForAssertion(() => _dialogs.DialogButton("Delete credential", "Delete"), TestTimeouts.Short);
        _dialogs.DialogButton("Delete credential", "Delete").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.TableRows("credentials")), TestTimeouts.Short);
        Assert.False(_harness.Store.Exists("hyperv"));
        Assert.Equal(("DeleteCredential", "admin-ann"), (_harness.Audit.Written[^1].Action, _harness.Audit.Written[^1].User));
    }

    [Fact]
    public async Task Delete_ACredentialAHostUses_ShowsTheRefusal()
    {
        await SaveAsync();
        var cut = Render<CredentialsPage>();

        cut.Button("Delete hyperv").Click();
        _dialogs.WaitForAssertion(() => _dialogs.DialogButton("Delete credential", "Delete"), TestTimeouts.Short);
        _dialogs.DialogButton("Delete credential", "Delete").Click();

        cut.WaitForAssertion(() => Assert.Contains("is used by HV01", cut.Find("[data-testid=credentials-error]").Text(), StringComparison.Ordinal),
            TestTimeouts.Short);
        Assert.True(_harness.Store.Exists("hyperv"));
    }

    private Task<CredentialSummary> SaveAsync() =>
        _harness.Store.SaveAsync(new CredentialChange("hyperv", @"CORP\svc-hvdash", Secret, null), "alice", Token).WaitAsync(TestTimeouts.Short, Token);
}
