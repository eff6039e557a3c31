using Microsoft.AspNetCore.Components.Authorization;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// Who the components act for: the signed-in user of this circuit. Requests are recorded (and audited) under this
/// name; the services check the user's rights with it (the controls shown follow the right policies, through AuthorizeView).
/// </summary>
public sealed class CurrentOperator(AuthenticationStateProvider authentication)
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
}
