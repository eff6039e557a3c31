using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security;

/// <summary>User and role administration on the real app's store: changes apply at once, are audited, and the guard rails hold.</summary>
[Collection(DashboardHostCollection.Name)]
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private const string Admin = TestAuthentication.DefaultUser;
    private readonly DashboardFactory _app = new();
    private UserAdministration _users = null!;
    private IUserAccess _access = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _users = _app.Services.GetRequiredService<UserAdministration>();
        _access = _app.Services.GetRequiredService<IUserAccess>();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CreateAndAssign_ScopedOperator_GetsExactlyThoseRightsAtOnce_AndItIsAudited()
    {
        var created = await _users.CreateUserAsync("ops-anna", "First-password-123", Admin, Token);
        Assert.True(created.MustChangePassword);
        Assert.False(await _access.HasAnywhereAsync("ops-anna", Right.View, Token));

        await _users.AssignAsync(created.Id, BuiltInRoles.Operator, ["PROD"], [], Admin, Token);

        Assert.True(await _access.AllowsAsync("ops-anna", Right.CreateCheckpoint, "PROD", "PROD-HV01", Token));
        Assert.False(await _access.AllowsAsync("ops-anna", Right.CreateCheckpoint, "DEV", "DEV-HV01", Token));
        Assert.False(await _access.AllowsAsync("ops-anna", Right.ApplyCheckpoint, "PROD", "PROD-HV01", Token));
        var listed = (await _users.ListUsersAsync(Token)).Single(u => u.UserName == "ops-anna");
        Assert.Equal("Operator on cluster PROD", Assert.Single(listed.Assignments).Describe());
        var audit = await _app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Limit = 50 }, Token);
        Assert.Contains(audit, e => e.Action == "CreateUser" && e.Target == "ops-anna" && e.User == Admin);
        Assert.Contains(audit, e => e.Action == "AssignRole" && e.Target == "ops-anna" && e.Parameters!.Contains("clusters PROD", StringComparison.Ordinal));

        await _users.UnassignAsync(listed.Assignments[0].Id, Admin, Token);
        Assert.False(await _access.HasAnywhereAsync("ops-anna", Right.View, Token));
    }

    [Fact]
    public async Task GuardRails_LastAdministratorAndOwnAccount_AreRefused()
    {
        var admin = (await _users.ListUsersAsync(Token)).Single(u => u.UserName == Admin);

        var unassign = await Assert.ThrowsAsync<JobRejectedException>(() => _users.UnassignAsync(admin.Assignments[0].Id, Admin, Token));
        var delete = await Assert.ThrowsAsync<JobRejectedException>(() => _users.DeleteUserAsync(admin.Id, Admin, Token));
        var duplicate = await Assert.ThrowsAsync<JobRejectedException>(() => _users.CreateUserAsync(Admin, "Whatever-password-1", Admin, Token));

        Assert.Equal(JobRejection.Conflict, unassign.Reason);
        Assert.Contains("no unlocked user who can manage users", unassign.Message, StringComparison.Ordinal);
        Assert.Equal(JobRejection.Conflict, delete.Reason);
        Assert.Equal(JobRejection.Conflict, duplicate.Reason);
        Assert.True(await _access.AllowsAsync(Admin, Right.ManageUsers, null, null, Token));
    }

    [Fact]
    public async Task CustomRoles_SaveUseAndDelete_BuiltInsStayAsTheyAre()
    {
        await _users.SaveRoleAsync("Snapshotters", Right.View | Right.CreateCheckpoint | Right.DeleteCheckpoint, "Create and clean up", Admin, Token);
        var user = await _users.CreateUserAsync("snap-sam", "First-password-123", Admin, Token);
        await _users.AssignAsync(user.Id, "Snapshotters", [], [], Admin, Token);

        Assert.True(await _access.AllowsAsync("snap-sam", Right.DeleteCheckpoint, "DEV", "DEV-HV01", Token));
        var inUse = await Assert.ThrowsAsync<JobRejectedException>(() => _users.DeleteRoleAsync("Snapshotters", Admin, Token));
        Assert.Contains("assigned 1 time(s)", inUse.Message, StringComparison.Ordinal);
        var builtIn = await Assert.ThrowsAsync<JobRejectedException>(() => _users.SaveRoleAsync(BuiltInRoles.Viewer, Right.All, null, Admin, Token));
        Assert.Equal(JobRejection.Conflict, builtIn.Reason);
        var none = await Assert.ThrowsAsync<JobRejectedException>(() => _users.SaveRoleAsync("Empty", Right.None, null, Admin, Token));
        Assert.Equal(JobRejection.Invalid, none.Reason);

        await _users.DeleteUserAsync(user.Id, Admin, Token);
        await _users.DeleteRoleAsync("Snapshotters", Admin, Token);
        Assert.DoesNotContain(await _users.ListRolesAsync(Token), r => r.Name == "Snapshotters");
        Assert.False(await _access.HasAnywhereAsync("snap-sam", Right.View, Token));
    }

    [Fact]
    public async Task WithoutManageUsers_EveryChangeIsRefused()
    {
        var viewer = await _users.CreateUserAsync("view-vic", "First-password-123", Admin, Token);
        await _users.AssignAsync(viewer.Id, BuiltInRoles.Viewer, [], [], Admin, Token);

        var ex = await Assert.ThrowsAsync<JobRejectedException>(() => _users.CreateUserAsync("sneaky", "First-password-123", "view-vic", Token));

        Assert.Equal(JobRejection.Forbidden, ex.Reason);
        Assert.DoesNotContain(await _users.ListUsersAsync(Token), u => u.UserName == "sneaky");
        var audit = await _app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Limit = 50 }, Token);
        Assert.Contains(audit, e => e.User == "view-vic" && e.Action == "ManageUsers" && e.Outcome == "Denied");
    }
}
