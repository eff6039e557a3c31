using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace CheckpointDashboard.Dashboard.Components.Account;

/// <summary>Changes the signed-in user's password (forced after a generated one-time password), then signs in again.</summary>
public partial class ChangePassword
{
    private List<string> _messages = [];
    private bool _mustChange;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Inject]
    public required UserManager<DashboardUser> Users { get; init; }

    [Inject]
    public required SignInManager<DashboardUser> SignInManager { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IAuditLog Audit { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [SupplyParameterFromForm(FormName = "password")]
    public PasswordInput Input { get; set; } = default!;

    protected override void OnInitialized()
    {
        Input ??= new();
        _mustChange = HttpContext.User.HasClaim(c => c.Type == DashboardClaimsFactory.MustChangePasswordClaim);
    }

    private async Task ChangeAsync()
    {
        if (await Users.GetUserAsync(HttpContext.User) is not { } user)
        {
            _messages = ["Your account no longer exists. Sign in again."];
            return;
        }

        if (!string.Equals(Input.New, Input.Confirm, StringComparison.Ordinal))
        {
            _messages = ["The two new passwords differ."];
            return;
        }

        if (string.Equals(Input.New, Input.Current, StringComparison.Ordinal))
        {
            _messages = ["Choose a password different from the current one."];
            return;
        }

        var result = await Users.ChangePasswordAsync(user, Input.Current ?? string.Empty, Input.New ?? string.Empty);
        if (!result.Succeeded)
        {
            _messages = [.. result.Errors.Select(e => e.Description)];
            return;
        }

        user.MustChangePassword = false;
        await Users.UpdateAsync(user);
        await SignInManager.RefreshSignInAsync(user);
        await Audit.WriteAsync(new AuditEntry { At = Time.GetUtcNow(), User = user.UserName ?? user.Id, Action = "ChangePassword", Outcome = "Completed" },
            CancellationToken.None);
        Navigation.NavigateTo("/", forceLoad: true);
    }

    /// <summary>The form's fields.</summary>
    public sealed class PasswordInput
    {
        public string? Current { get; set; }

        public string? New { get; set; }

        public string? Confirm { get; set; }
    }
}
