using Xunit;

namespace CheckpointDashboard.Tests.Unit.TestSupport;

/// <summary>
/// Tests that start the real app through <see cref="DashboardFactory"/>. WebApplicationFactory finds the app's host
/// through a process-wide diagnostic listener, so two factories starting at once can pick up each other's host:
/// these tests never run in parallel with anything.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardHostCollection
{
    public const string Name = "Dashboard host";
}
