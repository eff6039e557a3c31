using System.Runtime.CompilerServices;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// The inventory of a dashboard process that has just started: it has read no host and knows no cluster node until
/// <see cref="Warm"/>, then it is the real one. For restart tests, where services resume before the first read.
/// </summary>
internal sealed class ColdStartInventory(IFleetInventory inner) : IFleetInventory
{
    private readonly TaskCompletionSource _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FleetSnapshot _empty = FleetSnapshot.Empty(DateTimeOffset.UtcNow, isSimulated: true);

    /// <summary>Completed when someone first asks for the snapshot or a connection while the inventory is cold.</summary>
    public TaskCompletionSource AskedWhileCold { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FleetSnapshot Current => IsWarm ? inner.Current : Cold(_empty);

    private bool IsWarm => _warm.Task.IsCompleted;

    /// <summary>From now on, the real inventory answers.</summary>
    public void Warm() => _warm.TrySetResult();

    public async IAsyncEnumerable<FleetSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!IsWarm)
        {
            yield return _empty;
            await _warm.Task.WaitAsync(cancellationToken);
        }

        await foreach (var snapshot in inner.WatchAsync(cancellationToken))
        {
            yield return snapshot;
        }
    }

    public Task RefreshAsync(string? name, CancellationToken cancellationToken) => inner.RefreshAsync(name, cancellationToken);

    public CimConnection? ConnectionOf(string hostName) => IsWarm ? inner.ConnectionOf(hostName) : Cold<CimConnection?>(null);

    public DiskSizeCache? DiskFilesOf(string hostName) => IsWarm ? inner.DiskFilesOf(hostName) : null;

    private T Cold<T>(T answer)
    {
        AskedWhileCold.TrySetResult();
        return answer;
    }
}
