using Xunit;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// Tests that measure the whole process (managed heap, timers, handles): another test running beside them would
/// count as their growth, so they never run in parallel with anything.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMeasurementCollection
{
    public const string Name = "Process-wide measurements";
}
