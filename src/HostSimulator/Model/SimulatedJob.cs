using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.HyperV;

namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>
/// A Hyper-V job (<c>Msvm_ConcreteJob</c>). Its progress is a function of the simulated clock; it completes
/// when the host is next touched after its end time, running <see cref="Complete"/> under the host's lock.
/// </summary>
public sealed class SimulatedJob
{
    public required string InstanceId { get; init; }

    public required ushort JobType { get; init; }

    public required string Caption { get; init; }

    public Guid? VmId { get; init; }

    public required DateTimeOffset Submitted { get; init; }

    public required TimeSpan Duration { get; init; }

    public ushort State { get; set; } = HyperVSchema.JobState.Running;

    public ushort ErrorCode { get; set; }

    public string? ErrorDescription { get; set; }

    public bool Cancellable { get; init; }

    public DateTimeOffset? Finished { get; set; }

    /// <summary>Elements the job affects (<c>Msvm_AffectedJobElement</c>), e.g. the VM and a new checkpoint.</summary>
    public List<CimReference> Affected { get; } = [];

    /// <summary>Runs at the end, under the host lock; returns a failure text, or null on success.</summary>
    public Func<JobResult>? Complete { get; init; }

    /// <summary>Runs when the job is cancelled, under the host lock, to undo what started.</summary>
    public Action? Cancelled { get; init; }

    public bool IsFinished => HyperVSchema.JobState.IsFinished(State);

    public ushort PercentAt(DateTimeOffset now)
    {
        if (IsFinished)
        {
            return State is HyperVSchema.JobState.Completed or HyperVSchema.JobState.CompletedWithWarnings ? (ushort)100 : LastPercent;
        }

        if (Duration <= TimeSpan.Zero)
        {
            return 99;
        }

        var share = (now - Submitted) / Duration;
        return (ushort)Math.Clamp((int)(share * 100), 0, 99);
    }

    /// <summary>The percentage reached when the job stopped (kept for cancelled and failed jobs).</summary>
    public ushort LastPercent { get; set; }
}
