using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// A hand-written job service for component tests: records what pages submit, refuses on demand, and publishes the
/// events a test writes, to every subscriber.
/// </summary>
internal sealed class UiFakeJobService : IJobService
{
    private readonly List<Channel<JobEvent>> _subscribers = [];
    private readonly Dictionary<Guid, JobInfo> _active = [];
    private readonly Lock _gate = new();

    /// <summary>Requests as submitted, in order.</summary>
    public List<(JobRequest Request, string User)> Submitted { get; } = [];

    public List<Guid> Cancelled { get; } = [];

    public List<JobQuery> Queries { get; } = [];

    /// <summary>What <see cref="QueryAsync"/> answers (filtered by VM only; the rest is the page's business).</summary>
    public List<JobInfo> History { get; } = [];

    /// <summary>The VM name accepted jobs carry (the fake has no inventory).</summary>
    public string VmName { get; set; } = "VM";

    /// <summary>Set to refuse requests: returns the rejection for a request, or null to accept it.</summary>
    public Func<JobRequest, JobRejectedException?> Reject { get; set; } = _ => null;

    public IReadOnlyList<JobInfo> Active
    {
        get
        {
            lock (_gate)
            {
                return [.. _active.Values];
            }
        }
    }

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public static JobInfo Job(
        string vmName,
        Guid? vmId = null,
        JobKind kind = JobKind.CreateCheckpoint,
        JobState state = JobState.Running,
        int percent = 0,
        string host = "HV01",
        string? phase = null,
        string? error = null,
        uint? errorCode = null,
        string? warning = null,
        string? result = null,
        bool canCancel = false,
        DateTimeOffset? requestedAt = null,
        string? checkpointName = null) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        State = state,
        VmId = vmId ?? Guid.NewGuid(),
        VmName = vmName,
        Host = host,
        Percent = percent,
        Phase = phase,
        Error = error,
        ErrorCode = errorCode,
        Warning = warning,
        Result = result,
        CanCancel = canCancel,
        CheckpointName = checkpointName,
        RequestedBy = "local",
        RequestedAt = requestedAt ?? Fleets.Now.AddMinutes(-1),
        StartedAt = state == JobState.Queued ? null : (requestedAt ?? Fleets.Now.AddMinutes(-1)).AddSeconds(1),
        FinishedAt = state is JobState.Completed or JobState.Failed or JobState.Cancelled ? Fleets.Now : null,
    };

    /// <summary>Publishes an event to every watcher and keeps <see cref="Active"/> in step.</summary>
    public void Publish(JobEvent change)
    {
        lock (_gate)
        {
            if (change.Job.IsFinal)
            {
                _active.Remove(change.Job.Id);
            }
            else
            {
                _active[change.Job.Id] = change.Job;
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(change);
            }
        }
    }

    /// <summary>Makes a job active without publishing (as if it existed before the page subscribed).</summary>
    public void AddActive(JobInfo job)
    {
        lock (_gate)
        {
            _active[job.Id] = job;
        }
    }

    public Task<JobInfo> SubmitAsync(JobRequest request, string user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Submitted.Add((request, user));
        }

        if (Reject(request) is { } rejection)
        {
            return Task.FromException<JobInfo>(rejection);
        }

        var job = Job(VmName, request.VmId, request.Kind, JobState.Queued) with { RequestedBy = user };
        return Task.FromResult(job);
    }

    public Task<JobInfo> CancelAsync(Guid jobId, string user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Cancelled.Add(jobId);
            return _active.TryGetValue(jobId, out var job)
                ? Task.FromResult(job)
                : Task.FromException<JobInfo>(new JobRejectedException(JobRejection.NotFound, "No such job."));
        }
    }

    public Task<JobInfo?> FindAsync(Guid jobId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_active.GetValueOrDefault(jobId) ?? History.Find(j => j.Id == jobId));
        }
    }

    public Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Queries.Add(query);
            IReadOnlyList<JobInfo> result = [.. History.Where(j => query.VmId is null || j.VmId == query.VmId).Take(query.Limit)];
            return Task.FromResult(result);
        }
    }

    public async IAsyncEnumerable<JobEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<JobEvent>();
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
