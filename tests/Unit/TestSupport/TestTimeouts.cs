namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>Upper bounds for awaits in tests, so that a hang fails fast instead of stalling the run.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
}
