namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>One token: its kind, its text as written, its 0-based start and, for constants and paths, its value.</summary>
internal readonly record struct WqlToken(WqlTokenKind Kind, string Text, int Start, object? Value);
