using CheckpointDashboard.Shared.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>
/// The dashboard's store. The model uses only portable types and conversions (enums as text, date-times as UTC
/// ticks), so the same model and migrations shape serve SQLite (the embedded default) and PostgreSQL.
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
{
    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset columns; stored as UTC ticks they sort and compare everywhere.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<JobKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<JobState>().HaveConversion<string>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<JobRecord>(job =>
        {
            job.ToTable("Jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.Version).IsConcurrencyToken();
            job.Property(j => j.VmName).HasMaxLength(256);
            job.Property(j => j.Host).HasMaxLength(256);
            job.Property(j => j.Cluster).HasMaxLength(256);
            job.Property(j => j.CheckpointName).HasMaxLength(256);
            job.Property(j => j.RequestedBy).HasMaxLength(256);
            job.Property(j => j.Step).HasMaxLength(40);
            job.HasIndex(j => j.State);
            job.HasIndex(j => j.VmId);
            job.HasIndex(j => j.RequestedAt);
        });
        modelBuilder.Entity<AuditRecord>(audit =>
        {
            audit.ToTable("Audit");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.User).HasMaxLength(256);
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.Outcome).HasMaxLength(32);
            audit.Property(a => a.VmName).HasMaxLength(256);
            audit.Property(a => a.Host).HasMaxLength(256);
            audit.HasIndex(a => a.At);
            audit.HasIndex(a => a.JobId);
        });
    }

    /// <summary>Stores a date-time as UTC ticks; reads it back as UTC.</summary>
    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
