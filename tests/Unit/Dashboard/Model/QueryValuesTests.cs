using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class QueryValuesTests
{
    [Fact]
    public void ParseEnums_CommasRepeatsAndJunk()
    {
        var states = QueryValues.ParseEnums<JobState>(["running,FAILED", "Running", "bogus", "42"]).ToList();

        Assert.Equal([JobState.Running, JobState.Failed], states);
    }

    [Fact]
    public void Join_IsStableAndNullWhenEmpty()
    {
        Assert.Equal("Running,Failed", QueryValues.Join([JobState.Failed, JobState.Running]));
        Assert.Null(QueryValues.Join(Array.Empty<JobState>()));
    }
}
