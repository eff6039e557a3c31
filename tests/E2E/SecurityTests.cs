using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace CheckpointDashboard.Tests.E2E;

/// <summary>Sign-in, sign-out, and a Viewer who can see a checkpoint but neither gets an Apply button nor gets past the server.</summary>
[Collection(E2ECollection.Name)]
public sealed class SecurityTests(E2EFixture fixture)
{
    [Fact]
    public async Task SignedOut_PagesSendToSignIn_WrongPasswordSaysSo_SignInAndOutWork()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/vms");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await page.Locator("#username").FillAsync(E2EFixture.AdminUser);
        await page.Locator("#password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("Wrong user name or password.");

        await page.Locator("#username").FillAsync(E2EFixture.AdminUser);
        await page.Locator("#password").FillAsync(E2EFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/vms$"));
        await Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync(E2EFixture.AdminUser);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_SeesNoApply_AndTheServerRefusesIt()
    {
        const string Viewer = "e2e-viewer";
        const string Password = "E2e-viewer-password-1";
        await CreateUserAsync(Viewer, Password, BuiltInRoles.Viewer);
        var vm = fixture.Inventory.Current.Vms.First(v => v.Stats.Count >= 2 && v.StaleSince is null);
        var checkpoint = vm.Checkpoints[0];

        var page = await fixture.OpenAsync($"/vms/{vm.Id}?checkpoint={checkpoint.Id}", await fixture.SignInStateAsync(Viewer, Password));

        await Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync(Viewer);
        await Expect(page.Locator("[data-testid=checkpoint-details]")).ToContainTextAsync(checkpoint.Name);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create checkpoint", Exact = true })).ToHaveCountAsync(0);

        // The same browser session straight at the API: refused on the server, not only hidden.
        var response = await page.APIRequest.PostAsync($"/api/v1/checkpoints/{checkpoint.Id}/apply", new()
        {
            DataObject = new { },
        });
        Assert.Equal(403, response.Status);
        await page.Context.CloseAsync();
    }

    private async Task CreateUserAsync(string name, string password, string role)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.FindByNameAsync(name) is not null)
        {
            return;
        }

        var user = new DashboardUser { UserName = name };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        db.RoleAssignments.Add(new RoleAssignmentRecord { Id = Guid.NewGuid(), UserId = user.Id, RoleName = role });
        await db.SaveChangesAsync();
    }
}
