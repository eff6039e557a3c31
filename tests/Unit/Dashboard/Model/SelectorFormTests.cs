using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class SelectorFormTests
{
    [Fact]
    public void Empty_SelectsEverything()
    {
        var selector = new SelectorForm { NamePattern = "  ", NameIsRegex = true }.ToSelector();

        Assert.True(selector.SelectsEverything);
        Assert.False(selector.NameIsRegex);
    }

    [Fact]
    public void From_ThenToSelector_KeepsEveryFilter()
    {
        var ids = new[] { Guid.NewGuid() };
        var original = new VmSelector
        {
            VmIds = ids,
            Clusters = ["", "PROD"],
            Hosts = ["HV01"],
            NamePattern = "^DC",
            NameIsRegex = true,
            States = [VmState.Running],
            CheckpointTypes = [CheckpointType.Standard],
            AutomaticCheckpoints = false,
            MinConfigurationVersion = "8.0",
            BelowConfigurationVersion = "10.0",
            HasStandardCheckpoints = true,
        };

        var copy = SelectorForm.From(original).ToSelector();

        Assert.Equal(original.Describe(), copy.Describe());
        Assert.Equal(ids, copy.VmIds);
        Assert.Equal(["", "PROD"], copy.Clusters);
        Assert.True(copy.NameIsRegex);
        Assert.False(copy.AutomaticCheckpoints);
        Assert.True(copy.HasStandardCheckpoints);
    }

    [Theory]
    [InlineData("keep", null)]
    [InlineData("on", true)]
    [InlineData("off", false)]
    public void TargetForm_Automatic_MapsToTheTarget(string choice, bool? expected)
    {
        var target = new TargetForm { CheckpointType = CheckpointType.ProductionOnly, Automatic = choice }.ToTarget();

        Assert.Equal(new CheckpointSettingsTarget(CheckpointType.ProductionOnly, expected), target);
        Assert.Equal(target, TargetForm.From(target).ToTarget());
    }
}
