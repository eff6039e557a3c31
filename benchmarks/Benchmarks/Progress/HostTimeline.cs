namespace CheckpointDashboard.Benchmarks.Progress;

/// <summary>
/// The simulated host's side of one dashboard job: when its Hyper-V job started and how long it runs. The simulator's
/// progress is a pure function of its clock (<c>SimulatedJob.PercentAt</c>: ⌊(now − Submitted) / Duration × 100⌋, at most
/// 99 until the job completes at Submitted + Duration), so the instant the host reached each percent is known exactly
/// without a hook in the simulator; the simulator and the benchmark read the same <see cref="TimeProvider"/>.
/// </summary>
internal readonly record struct HostTimeline(Guid JobId, DateTimeOffset Submitted, TimeSpan Duration)
{
    public DateTimeOffset Completed => Submitted + Duration;

    /// <summary>When the host first reported <paramref name="percent"/>; 100 is the job's completion.</summary>
    public DateTimeOffset Reached(int percent) => percent >= 100 ? Completed : Submitted + (Duration * (Math.Max(0, percent) / 100.0));
}
