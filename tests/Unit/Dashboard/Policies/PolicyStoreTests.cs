using CheckpointDashboard.Dashboard.Policies;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Policies;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Policies;

/// <summary>The policy store on a real SQLite database: validation, versions, unique names, audit and change events.</summary>
public sealed class PolicyStoreTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cpd-policies", Guid.NewGuid().ToString("N"));
    private Factory _contexts = null!;
    private AuditLog _audit = null!;
    private PolicyStore _store = null!;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _contexts = new Factory(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "p.db")}").Options);
        using (var db = _contexts.CreateDbContext())
        {
            db.Database.Migrate();
        }

        _audit = new AuditLog(_contexts);
        _store = NewStore();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task SaveListUpdateDelete_VersionedAuditedAndAnnounced()
    {
        var changes = 0;
        _store.Changed += (_, _) => changes++;

        var dc = await _store.SaveAsync(Policy("Domain controllers", new VmSelector { NamePattern = "DC*" }, CheckpointType.ProductionOnly, priority: 100), "alice", Ct);
        var prod = await _store.SaveAsync(Policy("Cluster PROD", new VmSelector { Clusters = ["PROD"] }, CheckpointType.Production), "alice", Ct);

        Assert.Equal(1, dc.Version);
        Assert.Equal("alice", dc.UpdatedBy);
        Assert.Equal(["Domain controllers", "Cluster PROD"], (await _store.ListAsync(Ct)).Select(p => p.Name));

        var updated = await _store.SaveAsync(prod with { Priority = 200, Enabled = false }, "bob", Ct);
        Assert.Equal((2, 200, false, "bob"), (updated.Version, updated.Priority, updated.Enabled, updated.UpdatedBy));

        // A new store instance (a restart) reads the same policies, scope and all.
        using (var reopened = NewStore())
        {
            var read = (await reopened.ListAsync(Ct)).ToDictionary(p => p.Name);
            Assert.Equal("DC*", read["Domain controllers"].Scope.NamePattern);
            Assert.Equal(["PROD"], read["Cluster PROD"].Scope.Clusters);
            Assert.Equal(new CheckpointSettingsTarget(CheckpointType.ProductionOnly, null), read["Domain controllers"].Target);
        }

        await _store.DeleteAsync(dc.Id, "carol", Ct);
        Assert.Null(await _store.FindAsync(dc.Id, Ct));
        Assert.Equal(4, changes);

        var audit = await _audit.QueryAsync(new AuditQuery(), Ct);
        Assert.Equal(["DeletePolicy", "UpdatePolicy", "CreatePolicy", "CreatePolicy"], audit.Select(a => a.Action));
        Assert.Contains("name DC* must be ProductionOnly (priority 100)", audit[^1].Detail);
        Assert.Contains("→", audit[1].Detail);
        Assert.Equal("carol", audit[0].User);
    }

    [Fact]
    public async Task StaleVersion_IsRefusedWithWhoChangedIt_AndNothingIsSaved()
    {
        var saved = await _store.SaveAsync(Policy("Everything", VmSelector.All, CheckpointType.Production), "alice", Ct);
        await _store.SaveAsync(saved with { Priority = 5 }, "bob", Ct);

        var stale = await Assert.ThrowsAsync<JobRejectedException>(() => _store.SaveAsync(saved with { Priority = 9 }, "carol", Ct));

        Assert.Equal(JobRejection.Conflict, stale.Reason);
        Assert.Contains("changed by bob", stale.Message);
        Assert.Equal(5, (await _store.FindAsync(saved.Id, Ct))!.Priority);
    }

    [Fact]
    public async Task InvalidPoliciesAndDuplicateNames_AreRefusedNamingTheProblem()
    {
        await _store.SaveAsync(Policy("Domain controllers", VmSelector.All, CheckpointType.Production), "alice", Ct);

        var duplicate = await Assert.ThrowsAsync<JobRejectedException>(() => _store.SaveAsync(Policy("DOMAIN CONTROLLERS ", VmSelector.All, CheckpointType.Standard), "alice", Ct));
        Assert.Equal(JobRejection.Conflict, duplicate.Reason);
        Assert.Contains("already exists", duplicate.Message);

        var badRegex = await Assert.ThrowsAsync<JobRejectedException>(() =>
            _store.SaveAsync(Policy("Regex", new VmSelector { NamePattern = "[", NameIsRegex = true }, CheckpointType.Production), "alice", Ct));
        Assert.Equal(JobRejection.Invalid, badRegex.Reason);
        Assert.Contains("scope.namePattern", badRegex.Message);

        var noName = await Assert.ThrowsAsync<JobRejectedException>(() => _store.SaveAsync(Policy(" ", VmSelector.All, CheckpointType.Production), "alice", Ct));
        Assert.Contains("name: is required", noName.Message);

        var noTarget = await Assert.ThrowsAsync<JobRejectedException>(() =>
            _store.SaveAsync(Policy("Nothing", VmSelector.All, null) with { Priority = 20_000 }, "alice", Ct));
        Assert.Contains("priority: must be between", noTarget.Message);
        Assert.Contains("Choose a checkpoint type", noTarget.Message);

        var missing = await Assert.ThrowsAsync<JobRejectedException>(() => _store.DeleteAsync(Guid.NewGuid(), "alice", Ct));
        Assert.Equal(JobRejection.NotFound, missing.Reason);
        Assert.Single(await _store.ListAsync(Ct));
    }

    [Fact]
    public async Task AnUnreadableStoredScope_LeavesThatPolicyOut_AndKeepsTheOthers()
    {
        var good = await _store.SaveAsync(Policy("Good", VmSelector.All, CheckpointType.Production), "alice", Ct);
        var bad = await _store.SaveAsync(Policy("Bad", VmSelector.All, CheckpointType.Production), "alice", Ct);
        await using (var db = await _contexts.CreateDbContextAsync(Ct))
        {
            await db.Policies.Where(p => p.Id == bad.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ScopeJson, "{not json"), Ct);
        }

        using var reopened = NewStore();
        Assert.Equal([good.Id], (await reopened.ListAsync(Ct)).Select(p => p.Id));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CheckpointPolicy Policy(string name, VmSelector scope, CheckpointType? type, int priority = 0) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Scope = scope,
        Target = new CheckpointSettingsTarget(type, null),
        Priority = priority,
    };

    private PolicyStore NewStore() => new(_contexts, _audit, new AllowEveryone(), TimeProvider.System, NullLogger<PolicyStore>.Instance);

    private sealed class Factory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(options);

        public Task<DashboardDbContext> CreateDbContextAsync(CancellationToken cancellationToken) => Task.FromResult(CreateDbContext());
    }
}
