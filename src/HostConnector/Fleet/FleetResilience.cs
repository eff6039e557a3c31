using CheckpointDashboard.HostConnector.Cim;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>The Polly pipelines that guard reads of hosts and clusters, built from <see cref="FleetOptions"/>.</summary>
internal static class FleetResilience
{
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
                SamplingDuration = TimeSpan.FromTicks(Math.Max(options.RefreshInterval.Ticks * 4, TimeSpan.FromSeconds(5).Ticks)),
                BreakDuration = options.CircuitBreakDuration,
            });
        }

        return builder.Build();
    }
}
