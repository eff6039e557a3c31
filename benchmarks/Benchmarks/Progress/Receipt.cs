using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Benchmarks.Progress;

/// <summary>
/// An event as a client received it: the job's percent and state, whether it was <c>JobFinished</c>, when it arrived,
/// and the server's own time stamp (progress: when the hub read it from the job service; finished: the job's end).
/// </summary>
internal readonly record struct Receipt(Guid JobId, int Percent, JobState State, bool Finished, DateTimeOffset ReceivedAt, DateTimeOffset? ServerAt);
