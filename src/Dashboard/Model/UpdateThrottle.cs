namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// Lets at most one update through per window of the clock (windows of one interval, counted from the clock's zero).
/// An update that comes when its window already had one is held: at the start of the next window <c>due</c> is called
/// once, however many updates were held, so the caller can show the latest one.
/// </summary>
/// <remarks>
/// For views whose every refresh is expensive: a fleet of a thousand hosts publishes several snapshots a second, and a
/// grid of 25,000 VMs open in many browsers need not redraw each one. The windows are the same for every throttle on a
/// clock, so the grids open in many browsers redraw together, from the same snapshot: each one held on to a snapshot
/// of its own moment would keep a different generation of the fleet's VM objects alive.
/// <c>due</c> runs on a timer thread; a component goes back to its renderer with <c>InvokeAsync</c>. After
/// <see cref="Dispose"/> nothing is called any more.
/// </remarks>
public sealed class UpdateThrottle : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Action _due;
    private readonly Lock _gate = new();
    private long _lastWindow = -1;
    private ITimer? _timer;
    private bool _disposed;

    public UpdateThrottle(TimeProvider time, TimeSpan interval, Action due)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(due);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _time = time;
        _interval = interval;
        _due = due;
    }

    /// <summary>True when the update may be applied now; false when it is held until <c>due</c> is called.</summary>
    public bool TryPass()
    {
        lock (_gate)
        {
            if (_timer is not null || _disposed)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            var window = Window(now);
            if (window != _lastWindow)
            {
                _lastWindow = window;
                return true;
            }

            var next = new DateTimeOffset((window + 1) * _interval.Ticks, TimeSpan.Zero);
            _timer = _time.CreateTimer(_ => Fire(), null, next - now, Timeout.InfiniteTimeSpan);
            return false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private long Window(DateTimeOffset time) => time.UtcTicks / _interval.Ticks;

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timer?.Dispose();
            _timer = null;

            // The held update takes this window's turn.
            _lastWindow = Window(_time.GetUtcNow());
        }

        _due();
    }
}
