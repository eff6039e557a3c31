using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Settings;

/// <summary>Users, their roles (with optional cluster/host scopes) and custom roles; every refusal is shown in the service's words.</summary>
public partial class UsersPage
{
    private static readonly Right[] s_rights = [.. Enum.GetValues<Right>().Where(r => r is not (Right.None or Right.All))];

    private IReadOnlyList<UserAdministration.UserSummary> _users = [];
    private IReadOnlyList<RoleRecord> _roles = [];
    private string? _error;
    private string? _newUser;
    private string? _newPassword;
    private string? _assignUser;
    private string? _assignRole;
    private string? _assignClusters;
    private string? _assignHosts;
    private string? _roleName;
    private string? _roleDescription;
    private IReadOnlyCollection<Right> _roleRights = [];

    [Inject]
    public required UserAdministration Administration { get; init; }

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _users = await Administration.ListUsersAsync(CancellationToken.None);
        _roles = await Administration.ListRolesAsync(CancellationToken.None);
    }

    private Task CreateAsync() => RunAsync(async actor =>
    {
        await Administration.CreateUserAsync(_newUser ?? string.Empty, _newPassword ?? string.Empty, actor, CancellationToken.None);
        (_newUser, _newPassword) = (null, null);
    });

    private Task AssignAsync() => RunAsync(actor => Administration.AssignAsync(_assignUser!, _assignRole!, Split(_assignClusters), Split(_assignHosts), actor,
        CancellationToken.None));

    private Task UnassignAsync(UserAdministration.Assignment assignment) =>
        RunAsync(actor => Administration.UnassignAsync(assignment.Id, actor, CancellationToken.None));

    private Task SetLockedAsync(UserAdministration.UserSummary user, bool locked) =>
        RunAsync(actor => Administration.SetLockedAsync(user.Id, locked, actor, CancellationToken.None));

    private async Task DeleteAsync(UserAdministration.UserSummary user)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete user", $"Delete '{user.UserName}'? Their sessions end at once.", yesText: "Delete", cancelText: "Keep") == true)
        {
            await RunAsync(actor => Administration.DeleteUserAsync(user.Id, actor, CancellationToken.None));
        }
    }

    private Task SaveRoleAsync() => RunAsync(async actor =>
    {
        var rights = _roleRights.Aggregate(Right.None, (all, r) => all | r);
        await Administration.SaveRoleAsync(_roleName ?? string.Empty, rights, _roleDescription, actor, CancellationToken.None);
        (_roleName, _roleDescription, _roleRights) = (null, null, []);
    });

    private Task DeleteRoleAsync(string name) => RunAsync(actor => Administration.DeleteRoleAsync(name, actor, CancellationToken.None));

    /// <summary>Runs one change as the signed-in user; a refusal is shown, and the lists are read again either way.</summary>
    private async Task RunAsync(Func<string, Task> change)
    {
        _error = null;
        try
        {
            await change(await Operator.NameAsync());
        }
        catch (JobRejectedException ex)
        {
            _error = ex.Message;
        }

        await LoadAsync();
    }

    private static List<string> Split(string? text) =>
        [.. (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
