using CheckpointDashboard.HostConnector.Cim;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>The Polly pipelines that guard reads of hosts and clusters, built from <see cref="FleetOptions"/>.</summary>
internal static class FleetResilience
{
    /// <summary>The share by which a backoff wait is randomly lengthened or shortened.</summary>
    public const double MaxJitter = 0.1;

    /// <summary>
    /// An outer timeout that bounds the whole read (retries included) by <see cref="FleetOptions.HostTimeout"/>,
    /// then retries of transient failures with exponential backoff and jitter, then, when asked, a circuit breaker
    /// that makes calls to a host that keeps failing fail fast until a trial attempt succeeds.
    /// </summary>
    public static ResiliencePipeline Build(FleetOptions options, TimeProvider time, bool withCircuitBreaker)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.HostTimeout });
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<CimException>(ex => ex.IsTransient),
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        if (withCircuitBreaker)
        {
            // A configuration error is ours, not the host's: it never opens the host's circuit.
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<CimException>(ex => ex.Kind != CimErrorKind.Configuration),
                FailureRatio = 1.0,
                MinimumThroughput = options.CircuitBreakerFailures,
                SamplingDuration = SamplingDuration(options),
                BreakDuration = options.CircuitBreakDuration,
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// The wait before the next attempt at a host after <paramref name="failures"/> failed refreshes in a row, before
    /// jitter: the refresh interval, doubling with each failure, capped at <see cref="FleetOptions.MaxBackoff"/>.
    /// </summary>
    public static TimeSpan Backoff(FleetOptions options, int failures)
    {
        if (failures <= 0)
        {
            return options.RefreshInterval;
        }

        var factor = Math.Pow(2, Math.Min(failures - 1, 16));
        return TimeSpan.FromTicks((long)Math.Min(options.RefreshInterval.Ticks * factor, options.MaxBackoff.Ticks));
    }

    /// <summary>
    /// The breaker's sampling window: long enough to hold <see cref="FleetOptions.CircuitBreakerFailures"/> failed refreshes
    /// in a row at the slowest pace the watch loop goes (each attempt taking the whole host timeout, each wait the longest
    /// the backoff and its jitter allow).
    /// </summary>
    /// <remarks>
    /// The breaker counts failures within this window only. A shorter one (it was four refresh intervals) let the backoff
    /// spread a failing host's attempts so far apart that they never counted together: with the defaults, a host that
    /// rejects the credentials or hangs never opened its circuit, and every on-demand refresh waited for it again.
    /// </remarks>
    public static TimeSpan SamplingDuration(FleetOptions options)
    {
        var ticks = (double)options.HostTimeout.Ticks * options.CircuitBreakerFailures;
        for (var failures = 1; failures < options.CircuitBreakerFailures; failures++)
        {
            ticks += Backoff(options, failures).Ticks * (1 + MaxJitter);
        }

        // Polly's bounds for the window.
        return TimeSpan.FromTicks((long)Math.Clamp(ticks, TimeSpan.FromSeconds(0.5).Ticks, TimeSpan.FromDays(1).Ticks));
    }
}
