using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using CheckpointDashboard.Dashboard.Common;
using CheckpointDashboard.Dashboard.Jobs;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Bulk;

/// <summary>
/// Runs bulk changes of checkpoint settings (see <see cref="IBulkService"/>). Each VM's change is a
/// <see cref="ChangeCheckpointSettingsRequest"/> job of the <see cref="JobService"/>, so it reads the VM's full settings,
/// changes them through <c>ModifySystemSettings</c>, is audited and survives restarts like any job; this service decides
/// which VM starts when (at most <see cref="BulkOptions.MaxConcurrentPerHost"/> per host and
/// <see cref="BulkOptions.MaxConcurrent"/> overall), follows the jobs, and keeps the per-VM results.
/// </summary>
/// <remarks>
/// Nothing is changed twice: a VM's job id is derived from the bulk and VM ids, and the job service returns the existing
/// job when the same id is submitted again, so resuming after a restart (even one that lost the last item writes) only
/// re-attaches to jobs that were already sent. Item results are written to the store in batches by one writer; while a
/// bulk change runs, memory is authoritative and reads come from it.
/// </remarks>
public sealed partial class BulkService : IBulkService, IHostedService, IAsyncDisposable
{
    private const string AuditAction = "BulkCheckpointSettings";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly IFleetInventory _inventory;
    private readonly JobService _jobs;
    private readonly IDbContextFactory<DashboardDbContext> _contexts;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly BulkOptions _options;
    private readonly ILogger<BulkService> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, BulkRun> _runs = [];
    private readonly Dictionary<string, int> _runningPerHost = new(StringComparer.OrdinalIgnoreCase);
    private int _runningTotal;
    private readonly EventFeed<BulkEvent> _feed = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<(long Sequence, object Row)> _writes = Channel.CreateUnbounded<(long, object)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Task> _submissions = [];
    private Task? _follower;
    private Task? _writer;
    private Task? _dispatcher;
    private Task? _inventoryFollower;
    private DateTimeOffset _startedAt;
    private int _waitingForInventory;
    private long _writeSequence;
    private long _flushedSequence;
    private readonly IUserAccess _access;
    private int _disposed;
    private int _stopDisposed;

    public BulkService(
        IFleetInventory inventory,
        JobService jobs,
        IDbContextFactory<DashboardDbContext> contexts,
        IAuditLog audit,
        IUserAccess access,
        TimeProvider time,
        IOptions<BulkOptions> options,
        ILogger<BulkService> logger)
    {
        _access = access;
        _inventory = inventory;
        _jobs = jobs;
        _contexts = contexts;
        _audit = audit;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public BulkPreview Preview(BulkRequest request)
    {
        Validate(request);
        return BulkPlanner.Preview(_inventory.Current, request.Selector, request.Target, BusyVms());
    }

    public async Task<BulkPreview> PreviewAsync(BulkRequest request, string user, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var preview = Preview(request);
        if (!await _access.HasAnywhereAsync(user, Right.ChangeSettings, cancellationToken))
        {
            throw await AccessDenial.AuditAsync(_audit, _time, user, "BulkCheckpointSettings", $"{user} may not change checkpoint settings: no role grants the ChangeSettings right.", cancellationToken);
        }

        // Decided per cluster and host once, not per VM: a thousand VMs sit on a few dozen hosts.
        var allowed = new Dictionary<(string?, string), bool>();
        foreach (var item in preview.Items.Where(i => i.WillChange))
        {
            if (!allowed.ContainsKey((item.Cluster, item.Host)))
            {
                allowed[(item.Cluster, item.Host)] = await _access.AllowsAsync(user, Right.ChangeSettings, item.Cluster, item.Host, cancellationToken);
            }
        }

        return BulkPlanner.Skip(preview, i => allowed.GetValueOrDefault((i.Cluster, i.Host), true)
            ? null
            : (BulkSkipReason.NotPermitted, $"{user}'s roles do not allow changing settings on {i.Cluster ?? i.Host}."));
    }

    public Task<BulkJobInfo> StartAsync(BulkRequest request, string user, CancellationToken cancellationToken) =>
        StartAsync(request, user, retryOf: null, cancellationToken);

    public async Task<BulkJobInfo> CancelAsync(Guid bulkId, string user, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (!await _access.HasAnywhereAsync(user, Right.ChangeSettings, cancellationToken))
        {
            throw await AccessDenial.AuditAsync(_audit, _time, user, "CancelBulk", $"{user} may not cancel bulk changes: no role grants the ChangeSettings right.", cancellationToken);
        }

        BulkJobInfo? summary = null;
        lock (_gate)
        {
            if (_runs.TryGetValue(bulkId, out var run) && run.IsRunning && !run.Record.CancelRequested)
            {
                run.Record.CancelRequested = true;
                var now = _time.GetUtcNow();
                var cancelled = new List<BulkItemRecord>(run.Pending);
                foreach (var item in cancelled)
                {
                    item.Status = BulkItemStatus.Cancelled;
                    item.Detail = $"Not started: the bulk change was cancelled by {user}.";
                    item.FinishedAt = now;
                    Write(item);
                }

                run.Pending.Clear();
                Write(run.Record);
                summary = run.Summary();
                foreach (var item in cancelled)
                {
                    Publish(new BulkEvent.ItemChanged(summary, ToItem(item)));
                }
            }
        }

        if (summary is null)
        {
            var found = await FindAsync(bulkId, cancellationToken) ??
                throw new JobRejectedException(JobRejection.NotFound, $"No bulk change with id {bulkId}.");
            throw new JobRejectedException(JobRejection.Conflict, found.IsFinal
                ? $"The bulk change {bulkId} has already finished ({found.State}); there is nothing to cancel."
                : $"The bulk change {bulkId} is already being cancelled.");
        }

        await AuditAsync(new AuditEntry
        {
            At = _time.GetUtcNow(),
            User = user,
            Action = "CancelBulk",
            Target = summary.Target.Describe(),
            Parameters = $"bulk={bulkId}",
            Outcome = "Requested",
            Detail = $"{summary.Cancelled} VMs not yet started will not be changed; {summary.Running} running will finish.",
        }, cancellationToken);
        FinishIfDone(bulkId);
        return await FindAsync(bulkId, cancellationToken) ?? summary;
    }

    public async Task<BulkJobInfo> RetryFailedAsync(Guid bulkId, string user, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var bulk = await FindAsync(bulkId, cancellationToken) ??
            throw new JobRejectedException(JobRejection.NotFound, $"No bulk change with id {bulkId}.");
        if (!bulk.IsFinal)
        {
            throw new JobRejectedException(JobRejection.Conflict, "This bulk change is still running; retry its failures when it has finished.");
        }

        var failed = (await ItemsAsync(bulkId, cancellationToken))
            .Where(i => i.Status is BulkItemStatus.Failed or BulkItemStatus.OutcomeUnknown)
            .Select(i => i.VmId)
            .ToList();
        if (failed.Count == 0)
        {
            throw new JobRejectedException(JobRejection.Conflict, "No VM failed in this bulk change: there is nothing to retry.");
        }

        return await StartAsync(new BulkRequest(new VmSelector { VmIds = failed }, bulk.Target), user, bulkId, cancellationToken);
    }

    public async Task<BulkJobInfo?> FindAsync(Guid bulkId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_runs.TryGetValue(bulkId, out var run))
            {
                return run.Summary();
            }
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Bulks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bulkId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var counts = await CountsAsync(db, [bulkId], cancellationToken);
        return ToInfo(record, counts.GetValueOrDefault(bulkId) ?? []);
    }

    public async Task<IReadOnlyList<BulkItem>> ItemsAsync(Guid bulkId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_runs.TryGetValue(bulkId, out var run))
            {
                return [.. run.Items.Select(ToItem)];
            }
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var items = await db.BulkItems.AsNoTracking().Where(i => i.BulkId == bulkId).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        return [.. items.Select(ToItem)];
    }

    public async Task<IReadOnlyList<BulkJobInfo>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Bulks.AsNoTracking()
            .OrderByDescending(b => b.RequestedAt)
            .Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(cancellationToken);
        var counts = await CountsAsync(db, [.. records.Select(r => r.Id)], cancellationToken);
        lock (_gate)
        {
            return [.. records.Select(r => _runs.TryGetValue(r.Id, out var run) ? run.Summary() : ToInfo(r, counts.GetValueOrDefault(r.Id) ?? []))];
        }
    }

    public IAsyncEnumerable<BulkEvent> WatchAsync(CancellationToken cancellationToken) => _feed.WatchAsync(cancellationToken);

    /// <summary>The id of the job that changes <paramref name="vmId"/> in <paramref name="bulkId"/>: the same every time it is computed.</summary>
    internal static Guid ChildJobId(Guid bulkId, Guid vmId)
    {
        Span<byte> input = stackalloc byte[32];
        bulkId.TryWriteBytes(input[..16]);
        vmId.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);

        // RFC 9562 version 8 (custom) with the RFC variant, so it never collides with a random (version 4) job id.
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }

    internal static BulkJobInfo ToInfo(BulkRecord record, IReadOnlyDictionary<BulkItemStatus, int> counts) => new()
    {
        Id = record.Id,
        State = record.State,
        Target = new CheckpointSettingsTarget(record.TargetType, record.TargetAutomatic),
        Selection = record.Selection,
        RequestedBy = record.RequestedBy,
        RequestedAt = record.RequestedAt,
        FinishedAt = record.FinishedAt,
        RetryOf = record.RetryOf,
        Total = counts.Values.Sum(),
        Pending = counts.GetValueOrDefault(BulkItemStatus.Pending),
        Running = counts.GetValueOrDefault(BulkItemStatus.Running),
        Succeeded = counts.GetValueOrDefault(BulkItemStatus.Succeeded),
        Failed = counts.GetValueOrDefault(BulkItemStatus.Failed),
        Skipped = counts.GetValueOrDefault(BulkItemStatus.Skipped),
        Cancelled = counts.GetValueOrDefault(BulkItemStatus.Cancelled),
        Unknown = counts.GetValueOrDefault(BulkItemStatus.OutcomeUnknown),
    };

    internal static BulkItem ToItem(BulkItemRecord item) => new(
        item.BulkId, item.VmId, item.VmName, item.Host, item.Cluster, item.BeforeType, item.BeforeAutomatic, item.Status, item.Detail,
        item.JobId, item.FinishedAt);

    private static void Validate(BulkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Selector is null || request.Target is null)
        {
            throw new JobRejectedException(JobRejection.Invalid, "A bulk change needs a selector (which VMs) and a target (which settings).");
        }

        var errors = request.Selector.Validate().Concat(request.Target.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new JobRejectedException(JobRejection.Invalid, string.Join(" ", errors));
        }
    }

    /// <summary>VMs with a job queued, running or unsettled, and VMs waiting in a running bulk change.</summary>
    private HashSet<Guid> BusyVms()
    {
        var busy = _jobs.Active.Select(j => j.VmId).ToHashSet();
        lock (_gate)
        {
            foreach (var run in _runs.Values.Where(r => r.IsRunning))
            {
                busy.UnionWith(run.Items.Where(i => i.Status is BulkItemStatus.Pending or BulkItemStatus.Running).Select(i => i.VmId));
            }
        }

        return busy;
    }

    private async Task<BulkJobInfo> StartAsync(BulkRequest request, string user, Guid? retryOf, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var preview = await PreviewAsync(request, user, cancellationToken);
        if (preview.ToChange == 0)
        {
            var why = preview.Matched == 0
                ? "No VM matches the selection."
                : $"All {preview.Matched} selected VMs are skipped ({string.Join(", ", preview.SkipsByReason.Select(s => $"{s.Value} {s.Key}"))}).";
            throw new JobRejectedException(JobRejection.Conflict, why + " Nothing was changed.");
        }

        var now = _time.GetUtcNow();
        var record = new BulkRecord
        {
            Id = Guid.NewGuid(),
            State = BulkState.Running,
            TargetType = request.Target.CheckpointType,
            TargetAutomatic = request.Target.AutomaticCheckpoints,
            Selection = retryOf is null ? request.Selector.Describe() : $"failures of bulk change {retryOf}",
            SelectorJson = JsonSerializer.Serialize(request.Selector, s_json),
            RequestedBy = user,
            RequestedAt = now,
            RetryOf = retryOf,
        };
        var items = preview.Items.Select((p, position) => new BulkItemRecord
        {
            BulkId = record.Id,
            VmId = p.VmId,
            Position = position,
            VmName = p.VmName,
            Host = p.Host,
            Cluster = p.Cluster,
            BeforeType = p.CurrentType,
            BeforeAutomatic = p.CurrentAutomatic,
            Status = p.WillChange ? BulkItemStatus.Pending : BulkItemStatus.Skipped,
            Detail = p.SkipDetail,
            FinishedAt = p.WillChange ? null : now,
        }).ToList();

        // The bulk change and every item (skipped ones with their reason) are stored before anything starts.
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Bulks.Add(record);
            db.BulkItems.AddRange(items);
            await db.SaveChangesAsync(cancellationToken);
        }

        var run = new BulkRun(Clone(record), items.Select(Clone));
        BulkJobInfo summary;
        lock (_gate)
        {
            _runs[record.Id] = run;
            summary = run.Summary();

            // Under the gate, so no item event of this bulk change can come before it.
            Publish(new BulkEvent.Started(summary));
        }

        await AuditAsync(new AuditEntry
        {
            At = now,
            User = user,
            Action = AuditAction,
            Target = request.Target.Describe(),
            Parameters = $"bulk={record.Id}; selection={record.Selection}" + (retryOf is null ? string.Empty : $"; retryOf={retryOf}"),
            Outcome = "Requested",
            Detail = $"{preview.ToChange} VMs to change, {preview.Skipped} skipped" +
                     (preview.SkipsByReason.Count == 0 ? "." : $" ({string.Join(", ", preview.SkipsByReason.Select(s => $"{s.Value} {s.Key}"))})."),
        }, cancellationToken);
        _logger.LogInformation("Bulk change {BulkId} by {User}: {Target} on {Count} VMs ({Skipped} skipped).", record.Id, user,
            request.Target.Describe(), preview.ToChange, preview.Skipped);
        Wake();
        return summary;
    }

    private static BulkRecord Clone(BulkRecord r) => new()
    {
        Id = r.Id,
        State = r.State,
        TargetType = r.TargetType,
        TargetAutomatic = r.TargetAutomatic,
        Selection = r.Selection,
        SelectorJson = r.SelectorJson,
        RequestedBy = r.RequestedBy,
        RequestedAt = r.RequestedAt,
        FinishedAt = r.FinishedAt,
        RetryOf = r.RetryOf,
        CancelRequested = r.CancelRequested,
    };

    private static BulkItemRecord Clone(BulkItemRecord i) => new()
    {
        BulkId = i.BulkId,
        VmId = i.VmId,
        Position = i.Position,
        VmName = i.VmName,
        Host = i.Host,
        Cluster = i.Cluster,
        BeforeType = i.BeforeType,
        BeforeAutomatic = i.BeforeAutomatic,
        Status = i.Status,
        Detail = i.Detail,
        JobId = i.JobId,
        FinishedAt = i.FinishedAt,
    };

    private static async Task<Dictionary<Guid, Dictionary<BulkItemStatus, int>>> CountsAsync(
        DashboardDbContext db, IReadOnlyCollection<Guid> bulkIds, CancellationToken cancellationToken)
    {
        var rows = await db.BulkItems.AsNoTracking()
            .Where(i => bulkIds.Contains(i.BulkId))
            .GroupBy(i => new { i.BulkId, i.Status })
            .Select(g => new { g.Key.BulkId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.BulkId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Status, r => r.Count));
    }

    private void Publish(BulkEvent change) => _feed.Publish(change);

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task AuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _audit.WriteAsync(entry, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Could not write the audit entry {Action} {Outcome}.", entry.Action, entry.Outcome);
        }
    }
}
