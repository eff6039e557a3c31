using CheckpointDashboard.Dashboard.Model;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class UpdateThrottleTests
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);

    // On a whole second, so the windows of one second start at the clock's start.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private int _due;

    [Fact]
    public void TryPass_FirstUpdate_PassesAtOnce()
    {
        using var throttle = new UpdateThrottle(_clock, s_second, () => _due++);

        Assert.True(throttle.TryPass());
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, _due);
    }

    [Fact]
    public void TryPass_MoreUpdatesInTheSameWindow_AreHeldAndDueOnceWhenTheNextWindowStarts()
    {
        using var throttle = new UpdateThrottle(_clock, s_second, () => _due++);
        Assert.True(throttle.TryPass());
        _clock.Advance(TimeSpan.FromMilliseconds(300));

        Assert.False(throttle.TryPass());
        Assert.False(throttle.TryPass());
        _clock.Advance(TimeSpan.FromMilliseconds(699));
        Assert.Equal(0, _due);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _due);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _due);
    }

    [Fact]
    public void TryPass_InTheWindowTheHeldUpdateWasDueIn_WaitsForTheNextOne()
    {
        using var throttle = new UpdateThrottle(_clock, s_second, () => _due++);
        throttle.TryPass();
        throttle.TryPass();
        _clock.Advance(s_second);
        Assert.Equal(1, _due);

        Assert.False(throttle.TryPass());
        _clock.Advance(s_second);

        Assert.Equal(2, _due);
    }

    [Fact]
    public void TryPass_AfterAQuietWindow_PassesAtOnce()
    {
        using var throttle = new UpdateThrottle(_clock, s_second, () => _due++);
        throttle.TryPass();
        _clock.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.True(throttle.TryPass());
        Assert.Equal(0, _due);
    }

    [Fact]
    public void TwoThrottlesOnOneClock_HeldAtDifferentMoments_AreDueTogether()
    {
        // Two grids opened at different moments redraw at the same instant, so both show the same snapshot.
        var first = 0;
        var second = 0;
        using var one = new UpdateThrottle(_clock, s_second, () => first++);
        using var other = new UpdateThrottle(_clock, s_second, () => second++);
        one.TryPass();
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        one.TryPass();
        other.TryPass();
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        other.TryPass();

        _clock.Advance(TimeSpan.FromMilliseconds(399));
        Assert.Equal((0, 0), (first, second));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal((1, 1), (first, second));
    }

    [Fact]
    public void Dispose_WithAnUpdateHeld_NeverCallsDue()
    {
        var throttle = new UpdateThrottle(_clock, s_second, () => _due++);
        throttle.TryPass();
        throttle.TryPass();

        throttle.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, _due);
        Assert.False(throttle.TryPass());
    }
}
