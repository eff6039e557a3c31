using Microsoft.AspNetCore.Authorization;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// Decides <see cref="RightRequirement"/>s from the user's grants in the store. Rights over VMs (view, create, apply,
/// delete, settings) are met by a grant anywhere, and the services then check the VM's own cluster and host; rights over
/// fleet-wide things (policies, hosts, users) need a grant over the whole fleet.
/// </summary>
public sealed class RightHandler(IUserAccess access) : AuthorizationHandler<RightRequirement>
{
    public static bool IsFleetWide(Right right) => right is Right.ManagePolicies or Right.ManageHosts or Right.ManageUsers;

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RightRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return;
        }

        var granted = IsFleetWide(requirement.Right)
            ? await access.AllowsAsync(name, requirement.Right, cluster: null, host: null, CancellationToken.None)
            : await access.HasAnywhereAsync(name, requirement.Right, CancellationToken.None);
        if (granted)
        {
            context.Succeed(requirement);
        }
    }
}
