namespace CheckpointDashboard.Dashboard.Api;

/// <summary>An error body that says what is wrong in a sentence.</summary>
public sealed record ProblemMessage(string Error);
