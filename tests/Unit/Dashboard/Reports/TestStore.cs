using CheckpointDashboard.Dashboard.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Reports;

/// <summary>A real, migrated SQLite store in a folder of its own, deleted on dispose.</summary>
internal sealed class TestStore : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cpd-reports", Guid.NewGuid().ToString("N"));

    public TestStore()
    {
        Directory.CreateDirectory(_folder);
        Contexts = new Factory(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "r.db")}").Options);
        using var db = Contexts.CreateDbContext();
        db.Database.Migrate();
        Audit = new AuditLog(Contexts);
    }

    public IDbContextFactory<DashboardDbContext> Contexts { get; }

    public AuditLog Audit { get; }

    public string Folder => _folder;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class Factory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(options);

        public Task<DashboardDbContext> CreateDbContextAsync(CancellationToken cancellationToken) => Task.FromResult(CreateDbContext());
    }
}
