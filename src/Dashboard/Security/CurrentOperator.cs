using Microsoft.AspNetCore.Components.Authorization;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// Who the components act for: the signed-in user of this circuit. Requests are recorded (and audited) under this
/// name; the services check the user's rights with it.
/// </summary>
public sealed class CurrentOperator(AuthenticationStateProvider authentication, IUserAccess access)
{
    /// <summary>The signed-in user's name.</summary>
    /// <exception cref="InvalidOperationException">No user is signed in (a page reached without its authorization).</exception>
    public async Task<string> NameAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.Identity?.Name is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException("No user is signed in; sign in again.");
    }

    /// <summary>Whether the signed-in user holds <paramref name="right"/> somewhere (what decides which controls are shown).</summary>
    public async Task<bool> HasAsync(Right right)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.Identity?.Name is { Length: > 0 } name && await access.HasAnywhereAsync(name, right, CancellationToken.None);
    }
}
