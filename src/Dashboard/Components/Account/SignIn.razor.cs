using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace CheckpointDashboard.Dashboard.Components.Account;

/// <summary>
/// Local sign-in: a server-rendered form (antiforgery-protected by the form) that checks the password through Identity
/// (hashed, with lockout), records the attempt in the audit trail, and returns to the page that asked, on this site only.
/// </summary>
public partial class SignIn
{
    private string? _message;

    [Inject]
    public required SignInManager<DashboardUser> SignInManager { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IAuditLog Audit { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [SupplyParameterFromForm(FormName = "signin")]
    public SignInInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    protected override void OnInitialized() => Input ??= new();

    private async Task SignInAsync()
    {
        var userName = Input.UserName?.Trim() ?? string.Empty;
        if (userName.Length == 0 || string.IsNullOrEmpty(Input.Password))
        {
            _message = "Enter your user name and password.";
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var (outcome, detail) = result switch
        {
            { Succeeded: true } => ("Completed", (string?)null),
            { IsLockedOut: true } => ("Denied", "Locked out after repeated failures."),
            { IsNotAllowed: true } => ("Denied", "Not allowed to sign in."),
            _ => ("Failed", "Wrong user name or password."),
        };
        await Audit.WriteAsync(new AuditEntry
        {
            At = Time.GetUtcNow(),
            User = userName.Length > 256 ? userName[..256] : userName,
            Action = "SignIn",
            Outcome = outcome,
            Detail = detail,
        }, CancellationToken.None);
        if (!result.Succeeded)
        {
            // One sentence for a wrong name and a wrong password alike: which user names exist is nobody's business.
            _message = result.IsLockedOut
                ? "This account is locked after repeated failed sign-ins. Try again later or ask an administrator."
                : "Wrong user name or password.";
            return;
        }

        Navigation.NavigateTo(SafeReturnUrl(ReturnUrl), forceLoad: true);
    }

    /// <summary>Only a path on this site: an open redirect would let a link send a freshly signed-in user elsewhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    /// <summary>The form's fields.</summary>
    public sealed class SignInInput
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }
    }
}
