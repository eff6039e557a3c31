using System.Collections.Concurrent;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>
/// CIM sessions the job service uses to act on hosts: one per host, opened on first use with the same connection
/// (endpoint, credential, TLS settings) the inventory reads it with, and kept for reuse.
/// </summary>
public sealed class HostSessions(IFleetInventory inventory, CimSessionFactory factory) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ICimSession> _sessions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The session of <paramref name="host"/>.</summary>
    /// <exception cref="CimException">The host is not (yet) known to the fleet (<see cref="CimErrorKind.Unreachable"/>).</exception>
    public ICimSession Get(string host) => _sessions.GetOrAdd(host, name =>
    {
        var connection = inventory.ConnectionOf(name) ?? throw new CimException(CimErrorKind.Unreachable,
            $"{name} is not known to the fleet right now (a cluster node not discovered yet, or a host removed from the configuration).")
        {
            Host = name,
        };
        return factory.Open(connection);
    });

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            await session.DisposeAsync();
        }

        _sessions.Clear();
    }
}
