namespace CheckpointDashboard.Shared.Reports;

/// <summary>One bar of the age histogram: checkpoints at least <see cref="From"/> and less than <see cref="To"/> old.</summary>
/// <param name="Label">"under 1 day", "1-7 days", "90 days-1 year", "over 1 year".</param>
/// <param name="To">The bucket's upper bound (exclusive), or null for the last, open-ended bucket.</param>
/// <param name="Bytes">Bytes the bucket's checkpoints hold.</param>
public sealed record AgeBucket(string Label, TimeSpan From, TimeSpan? To, int Count, long Bytes);
