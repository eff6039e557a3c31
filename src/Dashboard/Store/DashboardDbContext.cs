using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>
/// The dashboard's store. The model uses only portable types and conversions (enums as text, date-times as UTC
/// ticks), so the same model and migrations shape serve SQLite (the embedded default) and PostgreSQL.
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : IdentityUserContext<DashboardUser>(options)
{
    public DbSet<RoleRecord> Roles => Set<RoleRecord>();

    public DbSet<RoleAssignmentRecord> RoleAssignments => Set<RoleAssignmentRecord>();

    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    public DbSet<BulkRecord> Bulks => Set<BulkRecord>();

    public DbSet<BulkItemRecord> BulkItems => Set<BulkItemRecord>();

    public DbSet<PolicyRecord> Policies => Set<PolicyRecord>();

    public DbSet<ReportRulesRecord> ReportRules => Set<ReportRulesRecord>();

    public DbSet<InventorySummaryRecord> InventorySummaries => Set<InventorySummaryRecord>();

    public DbSet<Security.Tokens.ApiTokenRecord> ApiTokens => Set<Security.Tokens.ApiTokenRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset columns; stored as UTC ticks they sort and compare everywhere.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<JobKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<JobState>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BulkState>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<BulkItemStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<CheckpointType>().HaveConversion<string>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Identity's users, claims, logins and tokens (its own tables and keys).
        base.OnModelCreating(builder);
        builder.Entity<RoleRecord>(role =>
        {
            role.ToTable("Roles");
            role.HasKey(r => r.Name);
            role.Property(r => r.Name).HasMaxLength(64);
            role.Property(r => r.Description).HasMaxLength(500);
        });
        builder.Entity<RoleAssignmentRecord>(assignment =>
        {
            assignment.ToTable("RoleAssignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.UserId).HasMaxLength(450);
            assignment.Property(a => a.RoleName).HasMaxLength(64);
            assignment.Property(a => a.Clusters).HasMaxLength(2000);
            assignment.Property(a => a.Hosts).HasMaxLength(2000);
            assignment.HasIndex(a => a.UserId);
        });
        builder.Entity<JobRecord>(job =>
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
        builder.Entity<BulkRecord>(bulk =>
        {
            bulk.ToTable("Bulks");
            bulk.HasKey(b => b.Id);
            bulk.Property(b => b.RequestedBy).HasMaxLength(256);
            bulk.HasIndex(b => b.RequestedAt);
            bulk.HasIndex(b => b.State);
        });
        builder.Entity<BulkItemRecord>(item =>
        {
            item.ToTable("BulkItems");
            item.HasKey(i => new { i.BulkId, i.VmId });
            item.Property(i => i.VmName).HasMaxLength(256);
            item.Property(i => i.Host).HasMaxLength(256);
            item.Property(i => i.Cluster).HasMaxLength(256);
            item.HasIndex(i => i.JobId);
        });
        builder.Entity<PolicyRecord>(policy =>
        {
            policy.ToTable("Policies");
            policy.HasKey(p => p.Id);
            policy.Property(p => p.Name).HasMaxLength(100);
            policy.Property(p => p.UpdatedBy).HasMaxLength(256);
            policy.Property(p => p.Version).IsConcurrencyToken();
        });
        builder.Entity<ReportRulesRecord>(rules =>
        {
            rules.ToTable("ReportRules");
            rules.HasKey(r => r.Id);
            rules.Property(r => r.Id).ValueGeneratedNever();
            rules.Property(r => r.UpdatedBy).HasMaxLength(256);
            rules.Property(r => r.Version).IsConcurrencyToken();
        });
        builder.Entity<InventorySummaryRecord>(sample =>
        {
            sample.ToTable("InventorySummaries");
            sample.HasKey(s => s.Id);
            sample.Property(s => s.Cluster).HasMaxLength(256);
            sample.HasIndex(s => s.At);
        });
        builder.Entity<Security.Tokens.ApiTokenRecord>(token =>
        {
            // Found by Id (carried in the token itself); deleted with its user.
            token.ToTable("ApiTokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).ValueGeneratedNever();
            token.Property(t => t.UserId).HasMaxLength(450);
            token.Property(t => t.Name).HasMaxLength(64);
            token.Property(t => t.Prefix).HasMaxLength(16);
            token.Property(t => t.Hash).HasMaxLength(32);
            token.Property(t => t.RevokedBy).HasMaxLength(256);
            token.HasOne<DashboardUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
            token.HasIndex(t => t.UserId);
        });
        builder.Entity<AuditRecord>(audit =>
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
