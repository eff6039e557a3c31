using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Hubs;

/// <summary>
/// Which hub connection follows which <see cref="JobGroups"/>. SignalR's own groups are not used for this: sending to
/// several groups at once (<c>Clients.Groups</c>) writes once per group, so a client following both a VM and one of its
/// jobs would get every event twice. Keeping the memberships here lets <see cref="JobsHubBroadcaster"/> send each event
/// once to the union of the matching connections (and <see cref="BulkHubBroadcaster"/> likewise for bulk changes).
/// Singleton; safe to use from any thread.
/// </summary>
/// <remarks>In-process only: with several dashboard servers behind a backplane this would have to move to the backplane.</remarks>
public sealed class JobSubscriptions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _groupsByConnection = new(StringComparer.Ordinal);

    public void Add(string connectionId, string group)
    {
        lock (_gate)
        {
            Get(_connectionsByGroup, group).Add(connectionId);
            Get(_groupsByConnection, connectionId).Add(group);
        }
    }

    public void Remove(string connectionId, string group)
    {
        lock (_gate)
        {
            RemoveFrom(_connectionsByGroup, group, connectionId);
            RemoveFrom(_groupsByConnection, connectionId, group);
        }
    }

    /// <summary>Forgets a connection that has gone.</summary>
    public void RemoveConnection(string connectionId)
    {
        lock (_gate)
        {
            if (_groupsByConnection.Remove(connectionId, out var groups))
            {
                foreach (var group in groups)
                {
                    RemoveFrom(_connectionsByGroup, group, connectionId);
                }
            }
        }
    }

    /// <summary>The connections that follow all jobs, <paramref name="job"/>'s VM or <paramref name="job"/> itself, each once.</summary>
    public IReadOnlyList<string> ConnectionsFor(JobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Union([JobGroups.All, JobGroups.Vm(job.VmId), JobGroups.Job(job.Id)]);
    }

    /// <summary>The connections that follow all bulk changes or the bulk change <paramref name="bulkId"/>, each once.</summary>
    public IReadOnlyList<string> ConnectionsForBulk(Guid bulkId) => Union([JobGroups.AllBulk, JobGroups.Bulk(bulkId)]);

    private string[] Union(ReadOnlySpan<string> groups)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var group in groups)
            {
                if (_connectionsByGroup.TryGetValue(group, out var connections))
                {
                    result.UnionWith(connections);
                }
            }
        }

        return [.. result];
    }

    private static HashSet<string> Get(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            map[key] = set;
        }

        return set;
    }

    private static void RemoveFrom(Dictionary<string, HashSet<string>> map, string key, string value)
    {
        if (map.TryGetValue(key, out var set) && set.Remove(value) && set.Count == 0)
        {
            map.Remove(key);
        }
    }
}
