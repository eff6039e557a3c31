using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>
/// Creates and migrates the store at start, before anything reads it (hosted services start in registration order;
/// this one is registered before the job service). A store that cannot be opened stops the start with the reason.
/// </summary>
public sealed class StoreMigrator(IDbContextFactory<DashboardDbContext> contexts, ILogger<StoreMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Migrating the store ({Count} migrations: {Migrations}).", pending.Count, string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(cancellationToken);

        // Write-ahead logging lets pages read history while the job service writes progress.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
