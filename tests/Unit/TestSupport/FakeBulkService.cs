using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// A hand-written bulk service: records every preview, start, cancel and retry with the request and user it got,
/// answers with bulk changes made from them (or with <see cref="PreviewResult"/>), refuses when told to, and publishes
/// the events a test gives it to every watcher.
/// </summary>
internal sealed class FakeBulkService : IBulkService
{
    public static readonly DateTimeOffset RequestedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<Channel<BulkEvent>> _watchers = [];
    private readonly List<BulkRequest> _previews = [];
    private readonly List<(BulkRequest Request, string User)> _starts = [];
    private readonly List<(Guid BulkId, string User)> _cancellations = [];
    private readonly List<(Guid BulkId, string User)> _retries = [];
    private readonly List<int> _listLimits = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _consumedWaiters = [];
    private readonly TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _consumed;

    /// <summary>When set, Preview, StartAsync, CancelAsync, RetryFailedAsync and ItemsAsync throw it (after recording the call).</summary>
    public JobRejectedException? Rejection { get; set; }

    /// <summary>When set, WatchAsync throws it once, on its first subscription after being set.</summary>
    public Exception? WatchFailure { get; set; }

    /// <summary>What Preview answers; when null, an empty preview of the request's target.</summary>
    public BulkPreview? PreviewResult { get; set; }

    /// <summary>What FindAsync knows and ListAsync returns (in this order); StartAsync and RetryFailedAsync add to it.</summary>
    public List<BulkJobInfo> Bulks { get; } = [];

    /// <summary>What ItemsAsync returns per bulk change (an empty list for one that is known but has none here).</summary>
    public Dictionary<Guid, List<BulkItem>> Items { get; } = [];

    public IReadOnlyList<BulkRequest> Previews => Locked<IReadOnlyList<BulkRequest>>(() => [.. _previews]);

    public IReadOnlyList<(BulkRequest Request, string User)> Starts => Locked<IReadOnlyList<(BulkRequest, string)>>(() => [.. _starts]);

    public IReadOnlyList<(Guid BulkId, string User)> Cancellations => Locked<IReadOnlyList<(Guid, string)>>(() => [.. _cancellations]);

    public IReadOnlyList<(Guid BulkId, string User)> Retries => Locked<IReadOnlyList<(Guid, string)>>(() => [.. _retries]);

    public IReadOnlyList<int> ListLimits => Locked<IReadOnlyList<int>>(() => [.. _listLimits]);

    /// <summary>Completes when someone watches (the hub's broadcaster, once the app has started it).</summary>
    public Task Watching => Locked(() => _watching.Task);

    public int WatcherCount => Locked(() => _watchers.Count);

    /// <summary>
    /// Completes once watchers have finished handling <paramref name="count"/> events in all: a watcher has handled an
    /// event when it asks for the next one, so whatever its loop does with an event is done by then.
    /// </summary>
    public Task Consumed(int count)
    {
        lock (_gate)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_consumed >= count)
            {
                reached.SetResult();
            }
            else
            {
                _consumedWaiters.Add((count, reached));
            }

            return reached.Task;
        }
    }

    /// <summary>A bulk change as the service would describe it; tests change what they need with <c>with</c>.</summary>
    public static BulkJobInfo Bulk(Guid? id = null, BulkState state = BulkState.Running, int total = 3) => new()
    {
        Id = id ?? Guid.NewGuid(),
        State = state,
        Target = new CheckpointSettingsTarget(CheckpointType.Production, null),
        Selection = "cluster PROD",
        RequestedBy = "local",
        RequestedAt = RequestedAt,
        Total = total,
        Pending = state == BulkState.Running ? total : 0,
    };

    /// <summary>One VM's result in <paramref name="bulkId"/>.</summary>
    public static BulkItem Item(Guid bulkId, BulkItemStatus status, string vmName = "PRD-APP01", string? detail = null) =>
        new(bulkId, Guid.NewGuid(), vmName, "PROD-HV01", "PROD", CheckpointType.Standard, true, status, detail,
            status is BulkItemStatus.Pending or BulkItemStatus.Skipped ? null : Guid.NewGuid(),
            status is BulkItemStatus.Succeeded or BulkItemStatus.Failed ? RequestedAt.AddMinutes(2) : null);

    /// <summary>Clears what was recorded and every setting, for tests that share one app.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _previews.Clear();
            _starts.Clear();
            _cancellations.Clear();
            _retries.Clear();
            _listLimits.Clear();
            Bulks.Clear();
            Items.Clear();
            Rejection = null;
            WatchFailure = null;
            PreviewResult = null;
        }
    }

    public void Publish(BulkEvent change)
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(change);
            }
        }
    }

    public BulkPreview Preview(BulkRequest request)
    {
        lock (_gate)
        {
            _previews.Add(request);
            ThrowIfRejecting();
            return PreviewResult ?? new BulkPreview(request.Target, [], [], [], ImmutableSortedDictionary<BulkSkipReason, int>.Empty);
        }
    }

    public Task<BulkJobInfo> StartAsync(BulkRequest request, string user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _starts.Add((request, user));
            ThrowIfRejecting();
            var bulk = Bulk() with { Target = request.Target, RequestedBy = user, Selection = "as requested" };
            Bulks.Add(bulk);
            return Task.FromResult(bulk);
        }
    }

    public Task<BulkJobInfo> CancelAsync(Guid bulkId, string user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _cancellations.Add((bulkId, user));
            ThrowIfRejecting();
            return Task.FromResult(Known(bulkId) with { State = BulkState.Cancelled });
        }
    }

    public Task<BulkJobInfo> RetryFailedAsync(Guid bulkId, string user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _retries.Add((bulkId, user));
            ThrowIfRejecting();
            var retry = Bulk() with { Target = Known(bulkId).Target, RequestedBy = user, RetryOf = bulkId };
            Bulks.Add(retry);
            return Task.FromResult(retry);
        }
    }

    public Task<BulkJobInfo?> FindAsync(Guid bulkId, CancellationToken cancellationToken) =>
        Task.FromResult(Locked(() => Bulks.FirstOrDefault(b => b.Id == bulkId)));

    public Task<IReadOnlyList<BulkItem>> ItemsAsync(Guid bulkId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfRejecting();
            _ = Known(bulkId);
            return Task.FromResult<IReadOnlyList<BulkItem>>(Items.TryGetValue(bulkId, out var items) ? [.. items] : []);
        }
    }

    public Task<IReadOnlyList<BulkJobInfo>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _listLimits.Add(limit);
            return Task.FromResult<IReadOnlyList<BulkJobInfo>>([.. Bulks.Take(limit)]);
        }
    }

    public async IAsyncEnumerable<BulkEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<BulkEvent>();
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
                MarkConsumed();
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

    private void MarkConsumed()
    {
        lock (_gate)
        {
            _consumed++;
            foreach (var waiter in _consumedWaiters.Where(w => w.Count <= _consumed))
            {
                waiter.Reached.TrySetResult();
            }
        }
    }

    private BulkJobInfo Known(Guid bulkId) =>
        Bulks.FirstOrDefault(b => b.Id == bulkId) ?? throw new JobRejectedException(JobRejection.NotFound, $"No bulk change {bulkId}.");

    private void ThrowIfRejecting()
    {
        if (Rejection is { } rejection)
        {
            throw rejection;
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
