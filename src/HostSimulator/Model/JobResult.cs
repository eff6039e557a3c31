namespace CheckpointDashboard.HostSimulator.Model;

/// <summary>How a simulated job ended.</summary>
/// <param name="Error">Failure text (JobState Exception), or null.</param>
/// <param name="Warning">Completed with warnings (JobState 32768) and this text, or null.</param>
public sealed record JobResult(string? Error, string? Warning = null)
{
    public static JobResult Success { get; } = new(Error: null);

    public static JobResult Failed(string error) => new(error);

    public static JobResult WithWarning(string warning) => new(Error: null, Warning: warning);
}
