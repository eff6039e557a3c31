using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.Extensions.Logging;
using Polly;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>
/// The watch loop of one host: reads it every refresh interval (or on demand), backs off exponentially
/// while it fails, and keeps its last good data, stamped stale, when it does. Each host has its own loop,
/// so a dead or slow host never delays another.
/// </summary>
/// <remarks>
/// Resilience comes from Polly: an outer timeout bounds the whole refresh (retries included) by
/// <see cref="FleetOptions.HostTimeout"/>; transient failures are retried with exponential backoff and jitter;
/// a circuit breaker makes calls to a host that keeps failing fail fast until a trial attempt succeeds.
/// </remarks>
public sealed class HostWatcher : IAsyncDisposable
{
    private readonly CimSessionFactory _sessions;
    private readonly HyperVInventoryReader _reader;
    private readonly FleetOptions _options;
    private readonly SemaphoreSlim _concurrency;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<HostWatcher, bool> _changed;
    private readonly ResiliencePipeline _pipeline;
    private readonly DiskSizeCache _sizes = new();
    private readonly DiskScanPolicy _scanPolicy;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly WakeableDelay _delay = new();
    private TaskCompletionSource _nextRefresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ICimSession? _session;
    private Task? _loop;
    private int _failures;
    private int _fullReadRequested;
    private HostReadBaseline? _baseline;
    private volatile HostInventoryEntry _entry;

    public HostWatcher(
        HostTarget target,
        CimSessionFactory sessions,
        HyperVInventoryReader reader,
        FleetOptions options,
        SemaphoreSlim concurrency,
        TimeProvider time,
        ILogger logger,
        Action<HostWatcher, bool> changed)
    {
        Target = target;
        _sessions = sessions;
        _reader = reader;
        _options = options;
        _concurrency = concurrency;
        _time = time;
        _logger = logger;
        _changed = changed;
        _scanPolicy = new DiskScanPolicy(options.DiskScanInterval, options.MaxDiskScansPerRefresh);
        _pipeline = FleetResilience.Build(options, time, withCircuitBreaker: true);
        _entry = new HostInventoryEntry(
            new HostStatus
            {
                Name = target.Name,
                Cluster = target.Cluster,
                Endpoint = target.Connection.Endpoint.OriginalString,
                State = HostState.Connecting,
            },
            []);
    }

    public HostTarget Target { get; }

    /// <summary>The host's current status and VMs. Replaced, never mutated.</summary>
    public HostInventoryEntry Entry => _entry;

    /// <summary>The last disk-folder scans, for orphan detection.</summary>
    public DiskSizeCache DiskFiles => _sizes;

    public void Start()
    {
        _loop ??= Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Asks for a refresh now and completes when a refresh that started after this call has finished.</summary>
    /// <param name="full">Read everything even when the host reports no configuration change (what an operator who asks gets).</param>
    public Task RefreshAsync(bool full, CancellationToken cancellationToken)
    {
        if (full)
        {
            Volatile.Write(ref _fullReadRequested, 1);
        }

        Task waiter;
        lock (_gate)
        {
            waiter = _nextRefresh.Task;
        }

        _delay.Wake();
        return waiter.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
        lock (_gate)
        {
            _nextRefresh.TrySetCanceled();
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TaskCompletionSource completing;
            lock (_gate)
            {
                completing = _nextRefresh;
                _nextRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _delay.Consume();

            try
            {
                await _concurrency.WaitAsync(stopping).ConfigureAwait(false);
                try
                {
                    await RefreshOnceAsync(stopping).ConfigureAwait(false);
                }
                finally
                {
                    _concurrency.Release();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                completing.TrySetCanceled(stopping);
                return;
            }
            finally
            {
                completing.TrySetResult();
            }

            await _delay.WaitAsync(NextDelay(), _time, stopping).ConfigureAwait(false);
        }
    }

    private async Task RefreshOnceAsync(CancellationToken stopping)
    {
        var attemptAt = _time.GetUtcNow();
        try
        {
            _session ??= _sessions.Open(Target.Connection);
            // Taken and cleared in one step: a request made between a separate read and clear would be lost.
            // A requested full read still passes the baseline, with no time trusted: the read is full, and what it finds
            // unchanged keeps the baseline's objects (InventorySharing).
            var trusted = Interlocked.Exchange(ref _fullReadRequested, 0) == 1 ? TimeSpan.Zero : _options.FullReadInterval;
            var baseline = _baseline;
            var result = await _pipeline.ExecuteAsync(
                async token => await _reader.ReadAsync(_session, Target.Cluster, _sizes, _scanPolicy, baseline, trusted, token)
                    .ConfigureAwait(false),
                stopping).ConfigureAwait(false);
            _baseline = result.Baseline;
            OnSuccess(result, attemptAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            OnFailure(ex, attemptAt);
        }
    }

    private void OnSuccess(HostReadResult result, DateTimeOffset attemptAt)
    {
        _failures = 0;
        var now = _time.GetUtcNow();
        var previous = _entry;
        var status = previous.Status with
        {
            State = HostState.Online,
            LastAttempt = attemptAt,
            LastSuccess = now,
            LastError = result.Warning,
            LastErrorKind = HostErrorKind.None,
            RoundTrip = result.AverageRoundTrip,
            Requests = result.Requests,
            StaleSince = null,
            VmCount = result.Vms.Length,
            CheckpointCount = result.Vms.Sum(vm => vm.Stats.Count),
        };
        _entry = new HostInventoryEntry(status, result.Vms);

        // Only a change anyone can see is news; a read that found what the last one did updates the entry quietly
        // (its times), so an unchanged fleet does not rebuild snapshots and re-render pages on every refresh.
        var visible = !result.Vms.Equals(previous.Vms) ||
            previous.Status.State != status.State ||
            previous.Status.LastErrorKind != status.LastErrorKind ||
            !string.Equals(previous.Status.LastError, status.LastError, StringComparison.Ordinal) ||
            previous.Status.StaleSince != status.StaleSince;
        _changed(this, visible);
    }

    private void OnFailure(Exception exception, DateTimeOffset attemptAt)
    {
        _failures++;
        var (kind, message) = HostFailure.Describe(exception, _options.HostTimeout);
        var previous = _entry;
        if (kind == HostErrorKind.CircuitOpen && previous.Status.LastErrorKind is not (HostErrorKind.None or HostErrorKind.CircuitOpen))
        {
            // Keep the reason the circuit opened in view; "circuit open" alone tells an operator nothing.
            message = $"{previous.Status.LastError} ({message})";
            kind = previous.Status.LastErrorKind;
        }

        var hadData = previous.Status.LastSuccess is not null;
        var staleSince = previous.Status.StaleSince ?? (hadData ? attemptAt : null);
        var vms = previous.Vms;
        if (staleSince is { } since && previous.Status.StaleSince is null)
        {
            vms = [.. vms.Select(vm => vm with { StaleSince = since })];
        }

        if (_failures == 1 || _failures % 10 == 0)
        {
            _logger.LogWarning("Host {Host} could not be read ({Kind}, failure {Failures}): {Error}",
                Target.Name, kind, _failures, message);
        }

        _entry = new HostInventoryEntry(
            previous.Status with
            {
                State = HostState.Offline,
                LastAttempt = attemptAt,
                LastError = message,
                LastErrorKind = kind,
                StaleSince = staleSince,
            },
            vms);
        _changed(this, true);
    }

    private TimeSpan NextDelay()
    {
        if (_failures == 0)
        {
            return _options.RefreshInterval;
        }

        // Exponential backoff from the refresh interval, capped, with ±10% jitter so hosts that failed
        // together (a network blip) do not come back in lock-step.
        var jitter = 1 - FleetResilience.MaxJitter + (Random.Shared.NextDouble() * 2 * FleetResilience.MaxJitter);
        return TimeSpan.FromTicks((long)(FleetResilience.Backoff(_options, _failures).Ticks * jitter));
    }
}
