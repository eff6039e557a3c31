using System.Text.Json;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Reports;

/// <summary>
/// The report over the live inventory. The unfiltered report is built once per inventory snapshot and rules version (and
/// at most <see cref="CacheLifetime"/> apart, so ages move on while a quiet fleet publishes nothing) and shared by every
/// page, export and sample; filtered reports are built on demand. Rules load from the store at start.
/// </summary>
public sealed class ReportService(
    IFleetInventory inventory,
    IDbContextFactory<DashboardDbContext> contexts,
    IAuditLog audit,
    IUserAccess access,
    TrendStore trends,
    IOptions<ReportOptions> options,
    TimeProvider time,
    ILogger<ReportService> logger) : IReportService, IHostedService, IDisposable
{
    /// <summary>How long an unfiltered report is reused while nothing else changed.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    private readonly Lock _buildGate = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ReportRulesState _defaults = new(options.Value.ToRules(), 0, null, null);
    private volatile ReportRulesState? _stored;
    private volatile Cached? _cache;

    public event EventHandler? RulesChanged;

    public ReportRules Rules => RulesState.Rules;

    public ReportRulesState RulesState => _stored ?? _defaults;

    public void Dispose() => _writeGate.Dispose();

    /// <summary>Loads the saved rules (the store is migrated by then: hosted services start in registration order).</summary>
    public async Task StartAsync(CancellationToken cancellationToken) => await LoadRulesAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task LoadRulesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.ReportRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == ReportRulesRecord.SingletonId, cancellationToken);
        _stored = record is null ? null : ToState(record);
    }

    public CheckpointReport Build(ReportFilter? filter = null)
    {
        if (filter is not null && filter != ReportFilter.None)
        {
            var errors = filter.Validate();
            if (errors.Count > 0)
            {
                throw new JobRejectedException(JobRejection.Invalid, string.Join(" ", errors));
            }
        }

        var snapshot = inventory.Current;
        var rules = RulesState;
        var now = time.GetUtcNow();
        if (filter is not null && !IsEverything(filter))
        {
            return CheckpointReporter.Build(snapshot, rules.Rules, now, filter, FolderListings(snapshot));
        }

        lock (_buildGate)
        {
            if (_cache is { } cached && cached.SnapshotVersion == snapshot.Version && ReferenceEquals(cached.Rules, rules) &&
                cached.Report.TryGetTarget(out var kept) &&
                now - kept.GeneratedAt < CacheLifetime && now >= kept.GeneratedAt)
            {
                return kept;
            }

            var report = CheckpointReporter.Build(snapshot, rules.Rules, now, null, FolderListings(snapshot));
            _cache = new Cached(snapshot.Version, rules, new WeakReference<CheckpointReport>(report));
            return report;
        }
    }

    public async Task<ReportRules> SaveRulesAsync(ReportRules rules, string user, int? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (!await access.AllowsAsync(user, Right.ManagePolicies, cluster: null, host: null, cancellationToken))
        {
            throw await AccessDenial.AuditAsync(audit, time, user, "UpdateReportRules", $"{user} may not change the report rules: it needs the ManagePolicies right over the whole fleet.", cancellationToken);
        }

        var errors = rules.Validate();
        if (errors.Count > 0)
        {
            throw new JobRejectedException(JobRejection.Invalid, string.Join(" ", errors));
        }

        await _writeGate.WaitAsync(cancellationToken);
        ReportRulesState saved;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var record = await db.ReportRules.FirstOrDefaultAsync(r => r.Id == ReportRulesRecord.SingletonId, cancellationToken);
            if (expectedVersion is { } expected && (record?.Version ?? 0) != expected)
            {
                throw new JobRejectedException(JobRejection.Conflict,
                    $"The rules were changed by {record?.UpdatedBy ?? "someone"} at {record?.UpdatedAt:u} (version {record?.Version ?? 0}); " +
                    $"you edited version {expected}. Reload them and make your change again.");
            }

            if (record is null)
            {
                record = new ReportRulesRecord();
                db.ReportRules.Add(record);
            }

            var before = RulesState;
            record.Json = ReportRulesJson.Serialize(rules);
            record.Version++;
            record.UpdatedBy = user;
            record.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            saved = ToState(record);
            _stored = saved;
            await AuditAsync(user, saved, Changes(before.Rules, saved.Rules), cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }

        RulesChanged?.Invoke(this, EventArgs.Empty);
        return saved.Rules;
    }

    public async Task<IReadOnlyList<InventorySummary>> HistoryAsync(int days, CancellationToken cancellationToken)
    {
        if (days is < 1 or > 3660)
        {
            throw new JobRejectedException(JobRejection.Invalid, $"days: {days} is outside [1, 3660].");
        }

        // Whole UTC days, today included, as TrendSeries counts them.
        var today = time.GetUtcNow().UtcDateTime.Date;
        var since = new DateTimeOffset(today.AddDays(-(days - 1)), TimeSpan.Zero);
        return await trends.ReadAsync(since, cancellationToken);
    }

    /// <summary>The inventory's disk-folder scans as the report's listings; null when no folder was listed yet.</summary>
    internal IReadOnlyCollection<FolderListing>? FolderListings(FleetSnapshot snapshot)
    {
        List<FolderListing>? listings = null;
        foreach (var host in snapshot.Hosts)
        {
            if (inventory.DiskFilesOf(host.Name) is not { } cache)
            {
                continue;
            }

            foreach (var scan in cache.Folders)
            {
                // A folder the host refused to list says nothing about which files exist.
                if (scan.Error is null)
                {
                    (listings ??= []).Add(new FolderListing(host.Name, scan.Folder,
                        [.. scan.Files.Values.Select(f => new FileEntry(f.Path, f.SizeBytes, f.LastModified))]));
                }
            }
        }

        return listings;
    }

    private static bool IsEverything(ReportFilter filter) =>
        filter.Clusters.IsDefaultOrEmpty && filter.Hosts.IsDefaultOrEmpty && string.IsNullOrWhiteSpace(filter.VmNamePattern) &&
        filter.MinimumSeverity == FindingSeverity.Info && filter.RuleIds.IsDefaultOrEmpty && !filter.OnlyRowsWithFindings;

    private ReportRulesState ToState(ReportRulesRecord record)
    {
        ReportRules rules;
        try
        {
            rules = ReportRulesJson.Deserialize(record.Json);
        }
        catch (JsonException ex)
        {
            logger.LogError(ex, "The stored report rules (version {Version}) cannot be read; the configuration's defaults apply.", record.Version);
            return _defaults;
        }

        return new ReportRulesState(rules, record.Version, record.UpdatedBy, record.UpdatedAt);
    }

    /// <summary>The top-level settings that differ, by their JSON names ("ageWarning, rules").</summary>
    private static string Changes(ReportRules before, ReportRules after)
    {
        using var a = JsonDocument.Parse(ReportRulesJson.Serialize(before));
        using var b = JsonDocument.Parse(ReportRulesJson.Serialize(after));
        var changed = b.RootElement.EnumerateObject()
            .Where(p => !a.RootElement.TryGetProperty(p.Name, out var old) || old.GetRawText() != p.Value.GetRawText())
            .Select(p => p.Name).ToList();
        return changed.Count == 0 ? "No setting changed." : $"Changed: {string.Join(", ", changed)}.";
    }

    private async Task AuditAsync(string user, ReportRulesState saved, string detail, CancellationToken cancellationToken)
    {
        try
        {
            await audit.WriteAsync(new AuditEntry
            {
                At = time.GetUtcNow(),
                User = user,
                Action = "UpdateReportRules",
                Target = "Report rules",
                Parameters = $"version={saved.Version}",
                Outcome = "Completed",
                Detail = detail,
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not write the audit entry for report rules version {Version}.", saved.Version);
        }
    }

    /// <summary>
    /// The last unfiltered report, held weakly: pages and exports that use it keep it alive while they do, and once nobody
    /// does the collector may take it back (tens of MB at 25,000 VMs) instead of it sitting in memory until the next
    /// snapshot. Losing it costs one rebuild (~0.3 s at that size).
    /// </summary>
    private sealed record Cached(long SnapshotVersion, ReportRulesState Rules, WeakReference<CheckpointReport> Report);
}
