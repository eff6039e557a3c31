using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// The finished part of the jobs page: jobs read from history for a filter, kept current as jobs finish, newest first.
/// Open jobs are not kept here (the page shows them live from its <see cref="JobBoard"/>).
/// </summary>
public sealed class JobHistory
{
    private readonly JobFilter _filter;
    private readonly int _limit;
    private List<JobInfo> _items;

    public JobHistory(IEnumerable<JobInfo> loaded, JobFilter filter, int limit = 500)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(filter);
        _filter = filter;
        _limit = limit;
        _items = [.. Order(loaded.Where(j => j.IsFinal && filter.Matches(j)).DistinctBy(j => j.Id)).Take(limit)];
    }

    public static JobHistory Empty { get; } = new([], JobFilter.None);

    public IReadOnlyList<JobInfo> Items => _items;

    public JobInfo? Find(Guid id) => _items.Find(j => j.Id == id);

    /// <summary>Takes a job that changed; true when the list changed.</summary>
    public bool Apply(JobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var index = _items.FindIndex(j => j.Id == job.Id);
        if (!job.IsFinal || !_filter.Matches(job))
        {
            if (index < 0)
            {
                return false;
            }

            _items.RemoveAt(index);
            return true;
        }

        if (index >= 0 && _items[index] == job)
        {
            return false;
        }

        var items = _items.Where(j => j.Id != job.Id).Append(job);
        _items = [.. Order(items).Take(_limit)];
        return true;
    }

    private static IOrderedEnumerable<JobInfo> Order(IEnumerable<JobInfo> jobs) =>
        jobs.OrderByDescending(j => j.FinishedAt ?? j.RequestedAt).ThenBy(j => j.Id);
}
