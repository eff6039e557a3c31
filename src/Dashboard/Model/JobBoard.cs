using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// The jobs a view follows: a seed (the service's active jobs, a page of history) merged with the live event stream,
/// split into jobs still open and the last few finished ones. Not thread-safe: components apply events on their
/// renderer's thread.
/// </summary>
/// <remarks>
/// Events and seeds can cross (a subscription starts before the seed is read, so the same job may arrive both ways):
/// a final state is never replaced by an earlier, open one, and a seed never overwrites what an event already said.
/// </remarks>
public sealed class JobBoard
{
    private readonly Dictionary<Guid, JobInfo> _jobs = [];
    private readonly Func<JobInfo, bool> _accepts;
    private readonly int _finishedLimit;
    private IReadOnlyList<JobInfo>? _active;
    private IReadOnlyList<JobInfo>? _finished;

    /// <param name="accepts">Which jobs this board shows (e.g. one VM's); all when null.</param>
    /// <param name="finishedLimit">How many finished jobs to keep, newest first.</param>
    public JobBoard(Func<JobInfo, bool>? accepts = null, int finishedLimit = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(finishedLimit);
        _accepts = accepts ?? (static _ => true);
        _finishedLimit = finishedLimit;
    }

    /// <summary>Jobs not final yet (queued, running, waiting for reconciliation), oldest request first.</summary>
    public IReadOnlyList<JobInfo> Active => _active ??=
        [.. _jobs.Values.Where(j => !j.IsFinal).OrderBy(j => j.RequestedAt).ThenBy(j => j.Id)];

    /// <summary>The last finished jobs, most recently finished first.</summary>
    public IReadOnlyList<JobInfo> Finished => _finished ??=
        [.. _jobs.Values.Where(j => j.IsFinal).OrderByDescending(FinishedOrder).ThenBy(j => j.Id)];

    public JobInfo? Find(Guid id) => _jobs.GetValueOrDefault(id);

    /// <summary>Applies a live event; true when the board changed.</summary>
    public bool Apply(JobEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Merge(change.Job, fromEvent: true);
    }

    /// <summary>Adds jobs read from the service (active list or history) without overriding newer live data.</summary>
    public bool Seed(IEnumerable<JobInfo> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var changed = false;
        foreach (var job in jobs)
        {
            changed |= Merge(job, fromEvent: false);
        }

        return changed;
    }

    public void Clear()
    {
        _jobs.Clear();
        Invalidate();
    }

    private bool Merge(JobInfo job, bool fromEvent)
    {
        if (!_accepts(job))
        {
            return false;
        }

        if (_jobs.TryGetValue(job.Id, out var known))
        {
            // A final state is the last word (an event may still add a reconciliation note to it); an open job is
            // replaced by anything final, and by anything live.
            var replace = known.IsFinal ? fromEvent && job.IsFinal : job.IsFinal || fromEvent;
            if (!replace || known == job)
            {
                return false;
            }
        }

        _jobs[job.Id] = job;
        Trim();
        Invalidate();
        return true;
    }

    private void Trim()
    {
        var finished = _jobs.Values.Where(j => j.IsFinal).ToList();
        if (finished.Count <= _finishedLimit)
        {
            return;
        }

        foreach (var old in finished.OrderByDescending(FinishedOrder).ThenBy(j => j.Id).Skip(_finishedLimit))
        {
            _jobs.Remove(old.Id);
        }
    }

    private void Invalidate()
    {
        _active = null;
        _finished = null;
    }

    private static DateTimeOffset FinishedOrder(JobInfo job) => job.FinishedAt ?? job.StartedAt ?? job.RequestedAt;
}
