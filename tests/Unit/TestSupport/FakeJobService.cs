using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// A hand-written job service: records what is submitted, cancelled and queried, answers with jobs made from the
/// requests, refuses when told to, and publishes the events a test gives it to every watcher.
/// </summary>
internal sealed class FakeJobService : IJobService
{
    public static readonly DateTimeOffset RequestedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<Channel<JobEvent>> _watchers = [];
    private readonly List<(JobRequest Request, string User)> _submissions = [];
    private readonly List<(Guid JobId, string User)> _cancellations = [];
    private readonly List<JobQuery> _queries = [];
    private TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, SubmitAsync and CancelAsync throw it (after recording the call).</summary>
    public JobRejectedException? Rejection { get; set; }

    /// <summary>When set, WatchAsync throws it once, on its first subscription after being set.</summary>
    public Exception? WatchFailure { get; set; }

    /// <summary>What FindAsync knows, QueryAsync returns and Active lists (filtered to active ones).</summary>
    public List<JobInfo> Jobs { get; } = [];

    public IReadOnlyList<(JobRequest Request, string User)> Submissions
    {
        get
        {
            lock (_gate)
            {
                return [.. _submissions];
            }
        }
    }

    public IReadOnlyList<(Guid JobId, string User)> Cancellations
    {
        get
        {
            lock (_gate)
            {
                return [.. _cancellations];
            }
        }
    }

    public IReadOnlyList<JobQuery> Queries
    {
        get
        {
            lock (_gate)
            {
                return [.. _queries];
            }
        }
    }

    /// <summary>Completes when someone watches (the hub's broadcaster, once the app has started it).</summary>
    public Task Watching
    {
        get
        {
            lock (_gate)
            {
                return _watching.Task;
            }
        }
    }

    public int WatcherCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    public IReadOnlyList<JobInfo> Active
    {
        get
        {
            lock (_gate)
            {
                return [.. Jobs.Where(j => !j.IsFinal)];
            }
        }
    }

    /// <summary>A job as the service would describe it; tests change what they need with <c>with</c>.</summary>
    public static JobInfo Job(Guid vmId, JobKind kind = JobKind.CreateCheckpoint, JobState state = JobState.Queued, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        Kind = kind,
        State = state,
        VmId = vmId,
        VmName = "VM " + vmId.ToString()[..4],
        Host = "HV01",
        RequestedBy = "local",
        RequestedAt = RequestedAt,
    };

    /// <summary>Clears what was recorded and every setting, for tests that share one app.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _submissions.Clear();
            _cancellations.Clear();
            _queries.Clear();
            Jobs.Clear();
            Rejection = null;
            WatchFailure = null;
        }
    }

    public void Publish(JobEvent change)
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(change);
            }
        }
    }

    public Task<JobInfo> SubmitAsync(JobRequest request, string user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _submissions.Add((request, user));
            if (Rejection is { } rejection)
            {
                throw rejection;
            }

            var job = Job(request.VmId, request.Kind) with
            {
                RequestedBy = user,
                CheckpointId = request switch
                {
                    ApplyCheckpointRequest r => r.CheckpointId,
                    RenameCheckpointRequest r => r.CheckpointId,
                    ExportCheckpointRequest r => r.CheckpointId,
                    DeleteCheckpointRequest r => r.CheckpointId,
                    _ => null,
                },
            };
            Jobs.Add(job);
            return Task.FromResult(job);
        }
    }

    public Task<JobInfo> CancelAsync(Guid jobId, string user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _cancellations.Add((jobId, user));
            if (Rejection is { } rejection)
            {
                throw rejection;
            }

            var job = Jobs.FirstOrDefault(j => j.Id == jobId) ?? throw new JobRejectedException(JobRejection.NotFound, $"No job {jobId}.");
            return Task.FromResult(job with { State = JobState.Cancelled });
        }
    }

    public Task<JobInfo?> FindAsync(Guid jobId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Jobs.FirstOrDefault(j => j.Id == jobId));
        }
    }

    public Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _queries.Add(query);
            return Task.FromResult<IReadOnlyList<JobInfo>>([.. Jobs]);
        }
    }

    public async IAsyncEnumerable<JobEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<JobEvent>();
        lock (_gate)
        {
            if (WatchFailure is { } failure)
            {
                WatchFailure = null;
                throw failure;
            }

            _watchers.Add(channel);
            _watching.TrySetResult();
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
                _watchers.Remove(channel);
            }
        }
    }
}
