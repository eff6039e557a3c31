using System.Collections.Concurrent;
using System.Threading.Channels;
using CheckpointDashboard.Dashboard.Common;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>
/// The one owner of every mutating operation (see <see cref="IJobService"/>). Jobs are written to the store before
/// anything is sent and after every step, so a restart resumes them without sending any operation twice; progress is
/// published to in-process subscribers (pages, the SignalR broadcaster) through a channel each.
/// </summary>
/// <remarks>
/// Scheduling: one job per VM at a time (Hyper-V's configuration lock), at most <see cref="JobsOptions.MaxConcurrentJobs"/>
/// fleet-wide and <see cref="JobsOptions.MaxConcurrentMergesPerHost"/> deletions per host; otherwise first come, first
/// served. Jobs recovered after a restart go first.
/// </remarks>
public sealed partial class JobService : IJobService, IHostedService, IAsyncDisposable
{
    private readonly IFleetInventory _inventory;
    private readonly HostSessions _sessions;
    private readonly HyperVOperations _operations;
    private readonly IDbContextFactory<DashboardDbContext> _contexts;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly JobsOptions _options;
    private readonly ILogger<JobService> _logger;
    private readonly ConcurrentDictionary<Guid, JobWork> _jobs = new();
    private readonly Lock _scheduleGate = new();
    private readonly HashSet<Guid> _busyVms = [];
    private readonly Dictionary<string, int> _mergesPerHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private readonly EventFeed<JobEvent> _feed = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Guid> _resumeFirst = [];
    private Task? _dispatcher;
    private Task? _reconciler;
    private DateTimeOffset _startedAt;
    private readonly IUserAccess _access;
    private int _disposed;
    private int _stopDisposed;

    public JobService(
        IFleetInventory inventory,
        HostSessions sessions,
        HyperVOperations operations,
        IDbContextFactory<DashboardDbContext> contexts,
        IAuditLog audit,
        IUserAccess access,
        TimeProvider time,
        IOptions<JobsOptions> options,
        ILogger<JobService> logger)
    {
        _access = access;
        _inventory = inventory;
        _sessions = sessions;
        _operations = operations;
        _contexts = contexts;
        _audit = audit;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public IReadOnlyList<JobInfo> Active =>
        [.. _jobs.Values.Select(Snapshot).OrderBy(j => j.RequestedAt)];

    /// <summary>Loads unfinished jobs from the store (they resume first) and starts scheduling.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _startedAt = _time.GetUtcNow();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var unfinished = await db.Jobs
            .Where(j => j.State == JobState.Queued || j.State == JobState.Running || j.State == JobState.OutcomeUnknown)
            .OrderBy(j => j.RequestedAt)
            .ToListAsync(cancellationToken);
        foreach (var record in unfinished)
        {
            try
            {
                var work = JobWork.FromRecord(record);
                _jobs[work.Id] = work;
                if (record.State == JobState.Running)
                {
                    _resumeFirst.Add(work.Id);
                    _logger.LogInformation("Resuming job {JobId} ({Kind} on {Vm}) at step {Step} after a restart.", record.Id, record.Kind, record.VmName, record.Step);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Text.Json.JsonException)
            {
                _logger.LogError(ex, "Job {JobId} could not be read back from the store; it is marked unknown.", record.Id);
                record.State = JobState.OutcomeUnknown;
                record.Error = "The job's stored request could not be read after a restart.";
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        _dispatcher = Task.Run(() => DispatchLoopAsync(_stop.Token), CancellationToken.None);
        _reconciler = Task.Run(() => ReconcileLoopAsync(_stop.Token), CancellationToken.None);
        Wake();
    }

    /// <summary>
    /// Stops scheduling and following jobs. Running jobs are left as they are in the store (state Running, with their
    /// step and Hyper-V job), so the next start re-attaches to them; nothing is cancelled on the hosts.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may stop a service it has already disposed (a test host torn down while starting): nothing left to stop.
        if (Volatile.Read(ref _stopDisposed) == 1)
        {
            return;
        }

        try
        {
            await _stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        var tasks = _running.Values.ToList();
        if (_dispatcher is not null)
        {
            tasks.Add(_dispatcher);
        }

        if (_reconciler is not null)
        {
            tasks.Add(_reconciler);
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }

        _feed.Complete();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_stop.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
        }

        Volatile.Write(ref _stopDisposed, 1);
        _stop.Dispose();
    }

    public Task<JobInfo> SubmitAsync(JobRequest request, string user, CancellationToken cancellationToken) =>
        SubmitAsync(request, user, jobId: null, bulkId: null, cancellationToken);

    /// <summary>
    /// Submits with a job id chosen by the caller: submitting again with the same id returns the existing job instead
    /// of creating another, so a caller that crashed between submitting and recording the id can safely resubmit.
    /// </summary>
    internal async Task<JobInfo> SubmitAsync(JobRequest request, string user, Guid? jobId, Guid? bulkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (jobId is { } existingId && await FindAsync(existingId, cancellationToken) is { } existing)
        {
            return existing;
        }

        PlannedJob plan;
        try
        {
            plan = JobPlanner.Plan(request, _inventory.Current);
            await DemandAsync(user, request.Kind, plan.Vm, cancellationToken);
        }
        catch (JobRejectedException ex)
        {
            await AuditAsync(new AuditEntry
            {
                At = _time.GetUtcNow(),
                User = user,
                Action = request.Kind.ToString(),
                VmId = request.VmId,
                VmName = _inventory.Current.FindVm(request.VmId)?.Name,
                Host = _inventory.Current.FindVm(request.VmId)?.Host,
                Outcome = ex.Reason == JobRejection.Forbidden ? "Denied" : "Rejected",
                Detail = ex.Message,
            }, cancellationToken);
            throw;
        }

        var now = _time.GetUtcNow();
        var record = new JobRecord
        {
            Id = jobId ?? Guid.NewGuid(),
            BulkId = bulkId,
            Kind = request.Kind,
            State = JobState.Queued,
            VmId = plan.Vm.Id,
            VmName = plan.Vm.Name,
            Host = plan.Vm.Host,
            Cluster = plan.Vm.Cluster,
            CheckpointId = plan.Checkpoint?.Id,
            CheckpointName = plan.Checkpoint?.Name,
            ParametersJson = JobWork.Serialize(plan.Parameters),
            RequestJson = JobWork.Serialize(request),
            RequestedBy = user,
            RequestedAt = now,
            Phase = "Waiting to start",
        };
        var work = new JobWork(record, request, []);
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Jobs.Add(record);
            await db.SaveChangesAsync(cancellationToken);
        }

        _jobs[record.Id] = work;
        var info = Snapshot(work);
        await AuditAsync(AuditFor(info, "Requested", null), cancellationToken);
        Publish(new JobEvent.Created(info));
        Wake();
        return info;
    }

    /// <summary>The right each kind of job needs.</summary>
    internal static Right RightOf(JobKind kind) => kind switch
    {
        JobKind.CreateCheckpoint or JobKind.RenameCheckpoint or JobKind.ExportCheckpoint => Right.CreateCheckpoint,
        JobKind.ApplyCheckpoint or JobKind.RevertVm => Right.ApplyCheckpoint,
        JobKind.DeleteCheckpoint or JobKind.DeleteCheckpointSubtree => Right.DeleteCheckpoint,
        JobKind.ChangeCheckpointSettings => Right.ChangeSettings,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A job kind without a right."),
    };

    /// <summary>Refuses (Forbidden, audited by the caller) unless <paramref name="user"/> holds the right on the VM's cluster or host.</summary>
    private async Task DemandAsync(string user, JobKind kind, VirtualMachine vm, CancellationToken cancellationToken)
    {
        var right = RightOf(kind);
        if (!await _access.AllowsAsync(user, right, vm.Cluster, vm.Host, cancellationToken))
        {
            throw new JobRejectedException(JobRejection.Forbidden,
                $"{user} may not {JobDisplayVerb(kind)} on {vm.Name}: it needs the {right} right on {vm.Cluster ?? vm.Host}.");
        }
    }

    private static string JobDisplayVerb(JobKind kind) => kind switch
    {
        JobKind.CreateCheckpoint => "create checkpoints",
        JobKind.RenameCheckpoint => "rename checkpoints",
        JobKind.ExportCheckpoint => "export checkpoints",
        JobKind.ApplyCheckpoint => "apply checkpoints",
        JobKind.RevertVm => "revert",
        JobKind.DeleteCheckpoint or JobKind.DeleteCheckpointSubtree => "delete checkpoints",
        _ => "change checkpoint settings",
    };

    public async Task<JobInfo> CancelAsync(Guid jobId, string user, CancellationToken cancellationToken)
    {
        if (!_jobs.TryGetValue(jobId, out var work))
        {
            var stored = await FindAsync(jobId, cancellationToken);
            throw stored is null
                ? new JobRejectedException(JobRejection.NotFound, $"No job with id {jobId}.")
                : new JobRejectedException(JobRejection.Conflict, $"The job has already ended ({stored.State}).");
        }

        // Whoever asked for a job may cancel it; anyone else needs the right its kind needs, on its VM.
        if (!string.Equals(work.Record.RequestedBy, user, StringComparison.OrdinalIgnoreCase) &&
            !await _access.AllowsAsync(user, RightOf(work.Record.Kind), work.Record.Cluster, work.Record.Host, cancellationToken))
        {
            throw new JobRejectedException(JobRejection.Forbidden,
                $"{user} may not cancel {work.Record.Kind} on {work.Record.VmName}: it needs the {RightOf(work.Record.Kind)} right on {work.Record.Host}.");
        }

        bool queued;
        lock (work.Gate)
        {
            queued = work.Record.State == JobState.Queued;
        }

        if (queued && TryTakeQueued(work))
        {
            await FinishAsync(work, JobState.Cancelled, result: null, error: $"Cancelled by {user} before it started; nothing was sent to {work.Record.Host}.", code: null, cancellationToken);
            return Snapshot(work);
        }

        if (work.Record.State != JobState.Running)
        {
            throw new JobRejectedException(JobRejection.Conflict, $"The job cannot be cancelled in state {work.Record.State}.");
        }

        // Before its next step is sent, a running job stops there: the flag is checked under the same lock that
        // marks a step as sent, so an accepted cancel is always honoured.
        lock (work.Gate)
        {
            if (!work.Record.StepDispatched)
            {
                work.CancelRequested = true;
            }
        }

        if (work.CancelRequested)
        {
            await AuditAsync(AuditFor(Snapshot(work), "CancelRequested", $"by {user}") with { User = user, At = _time.GetUtcNow() }, cancellationToken);
            return Snapshot(work);
        }

        var job = work.Record.HyperVJob;
        if (work.StepCancellable && job is not null &&
            HostConnector.Cim.CimReference.TryParseWmiPath(job, HostConnector.Cim.CimNamespaces.Virtualization, out var reference))
        {
            var accepted = await _operations.CancelJobAsync(_sessions.Get(work.Record.Host), reference!, cancellationToken);
            if (!accepted)
            {
                throw new JobRejectedException(JobRejection.Conflict, $"{work.Record.Host} refused to cancel the running step.");
            }
        }
        else if (!HasStepsLeft(work))
        {
            throw new JobRejectedException(JobRejection.Conflict,
                $"Hyper-V cannot cancel this step ({work.Record.Phase}); it will run to its end.");
        }

        lock (work.Gate)
        {
            work.CancelRequested = true;
        }

        await AuditAsync(AuditFor(Snapshot(work), "CancelRequested", $"by {user}") with { User = user, At = _time.GetUtcNow() }, cancellationToken);
        return Snapshot(work);
    }

    public async Task<JobInfo?> FindAsync(Guid jobId, CancellationToken cancellationToken)
    {
        if (_jobs.TryGetValue(jobId, out var work))
        {
            return Snapshot(work);
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        return record is null ? null : JobWork.ToInfo(record);
    }

    public async Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Jobs.AsNoTracking().AsQueryable();
        if (query.VmId is { } vmId)
        {
            rows = rows.Where(j => j.VmId == vmId);
        }

        if (!string.IsNullOrWhiteSpace(query.Host))
        {
            rows = rows.Where(j => j.Host == query.Host);
        }

        if (query.States.Count > 0)
        {
            var states = query.States.ToList();
            rows = rows.Where(j => states.Contains(j.State));
        }

        if (query.Kinds.Count > 0)
        {
            var kinds = query.Kinds.ToList();
            rows = rows.Where(j => kinds.Contains(j.Kind));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{query.Search.Trim()}%";
            rows = rows.Where(j => EF.Functions.Like(j.VmName, pattern) || EF.Functions.Like(j.CheckpointName, pattern) ||
                                   EF.Functions.Like(j.RequestedBy, pattern) || EF.Functions.Like(j.Host, pattern));
        }

        if (query.Since is { } since)
        {
            rows = rows.Where(j => j.RequestedAt >= since);
        }

        var found = await rows.OrderByDescending(j => j.RequestedAt).Take(Math.Clamp(query.Limit, 1, 10_000)).ToListAsync(cancellationToken);

        // Active jobs come from memory: their stored progress may lag by up to the persist interval.
        return [.. found.Select(r => _jobs.TryGetValue(r.Id, out var live) ? Snapshot(live) : JobWork.ToInfo(r))];
    }

    public IAsyncEnumerable<JobEvent> WatchAsync(CancellationToken cancellationToken) => _feed.WatchAsync(cancellationToken);

    private static JobInfo Snapshot(JobWork work)
    {
        lock (work.Gate)
        {
            return work.ToInfo();
        }
    }

    private void Publish(JobEvent change) => _feed.Publish(change);

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task AuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _audit.WriteAsync(entry, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The audit write failing must not lose the job; it is logged loudly instead.
            _logger.LogError(ex, "Could not write the audit entry {Action} {Outcome} for job {JobId}.", entry.Action, entry.Outcome, entry.JobId);
        }
    }

    private static AuditEntry AuditFor(JobInfo job, string outcome, string? detail) => new()
    {
        At = job.FinishedAt ?? job.StartedAt ?? job.RequestedAt,
        User = job.RequestedBy,
        Action = job.Kind.ToString(),
        VmId = job.VmId,
        VmName = job.VmName,
        Host = job.Host,
        Target = job.CheckpointName,
        Parameters = string.Join("; ", job.Parameters.Select(p => $"{p.Key}={p.Value}")),
        Outcome = outcome,
        Detail = detail,
        JobId = job.Id,
    };
}
