using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>A hand-written inventory for component tests: publish snapshots, watch pages follow them.</summary>
internal sealed class FakeFleetInventory : IFleetInventory
{
    private readonly List<Channel<FleetSnapshot>> _subscribers = [];
    private readonly Lock _gate = new();

    public FakeFleetInventory(FleetSnapshot initial)
    {
        Current = initial;
    }

    public FleetSnapshot Current { get; private set; }

    public List<string?> Refreshes { get; } = [];

    public void Publish(FleetSnapshot snapshot)
    {
        lock (_gate)
        {
            Current = snapshot;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(snapshot);
            }
        }
    }

    public async IAsyncEnumerable<FleetSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<FleetSnapshot>();
        lock (_gate)
        {
            _subscribers.Add(channel);
            channel.Writer.TryWrite(Current);
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
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

    public Task RefreshAsync(string? name, CancellationToken cancellationToken)
    {
        Refreshes.Add(name);
        return Task.CompletedTask;
    }

    public DiskSizeCache? DiskFilesOf(string hostName) => null;

    public CimConnection? ConnectionOf(string hostName) => null;
}
