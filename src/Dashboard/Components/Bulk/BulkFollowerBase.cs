using CheckpointDashboard.Dashboard.Components.Shared;
using CheckpointDashboard.Shared.Bulk;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Bulk;

/// <summary>
/// A component that shows bulk changes live: it subscribes to the bulk service's events before it reads anything (so
/// nothing falls between the read and the first event) and hands each event to <see cref="OnBulkEvent"/> on the
/// renderer's thread, until it is disposed.
/// </summary>
public abstract class BulkFollowerBase : LiveComponentBase
{
    [Inject]
    public required IBulkService Bulks { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    protected DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Takes one live event; returns true when the view changed and must render.</summary>
    protected abstract bool OnBulkEvent(BulkEvent change);

    protected override void OnInitialized() => Follow(Bulks.WatchAsync, OnBulkEvent);
}
