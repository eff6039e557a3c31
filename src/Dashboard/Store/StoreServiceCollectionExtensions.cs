using CheckpointDashboard.Shared.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>The store (EF Core on SQLite by default), migrated at start, and the audit log on it.</summary>
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddDbContextFactory<DashboardDbContext>((sp, builder) =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            builder.UseSqlite(ConnectionString(options, sp.GetRequiredService<IHostEnvironment>()));
        });
        services.AddHostedService<StoreMigrator>();
        services.AddSingleton<IAuditLog, AuditLog>();
        return services;
    }

    /// <summary>The SQLite connection string; the data folder is created when missing.</summary>
    public static string ConnectionString(StoreOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var folder = Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "checkpointdashboard.db")};Cache=Shared";
    }
}
