using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Model;

public sealed class CheckpointSettingsRulesTests
{
    [Fact]
    public void For_VmWithCheckpoints_LocksTheLocationAndSaysWhy()
    {
        var rules = CheckpointSettingsRules.For(CheckpointTrees.Branched());

        Assert.Contains("no checkpoints", rules.LocationLockedReason);
        Assert.Contains("it has 6", rules.LocationLockedReason);
        Assert.Null(rules.TypeLockedReason);
    }

    [Fact]
    public void For_VmWithoutCheckpoints_LetsTheLocationChange()
    {
        Assert.Null(CheckpointSettingsRules.For(CheckpointTrees.Empty()).LocationLockedReason);
    }

    [Theory]
    [InlineData("5.0")]
    [InlineData("6.0")]
    [InlineData("")]
    public void For_ConfigurationVersionBelow62_LocksTheType(string version)
    {
        var rules = CheckpointSettingsRules.For(CheckpointTrees.Empty(configurationVersion: version));

        Assert.Contains("older than 6.2", rules.TypeLockedReason);
    }

    [Theory]
    [InlineData("PRD-DC01", "domain controller")]
    [InlineData("corp-dc-2", "domain controller")]
    [InlineData("SQL01", "database")]
    [InlineData("prd-exch-02", "database")]
    [InlineData("APPDB3", "database")]
    public void StandardWarning_RiskyNames_Warn(string name, string expected)
    {
        Assert.Contains(expected, CheckpointSettingsRules.StandardWarning(name, CheckpointType.Standard));
    }

    [Fact]
    public void StandardWarning_OtherTypesOrHarmlessNames_AreQuiet()
    {
        Assert.Null(CheckpointSettingsRules.StandardWarning("PRD-DC01", CheckpointType.Production));
        Assert.Null(CheckpointSettingsRules.StandardWarning("WEB01", CheckpointType.Standard));
    }

    [Fact]
    public void BuildRequest_NothingChanged_IsNull()
    {
        var vm = CheckpointTrees.Empty();

        Assert.Null(CheckpointSettingsRules.For(vm).BuildRequest(vm.CheckpointType, vm.AutomaticCheckpoints, vm.CheckpointFileLocation));
    }

    [Fact]
    public void BuildRequest_OnlyTheTypeChanged_CarriesOnlyTheTypeAndTheVersion()
    {
        var vm = CheckpointTrees.Branched();

        var request = CheckpointSettingsRules.For(vm).BuildRequest(CheckpointType.ProductionOnly, vm.AutomaticCheckpoints, vm.CheckpointFileLocation)!;

        Assert.Equal(CheckpointType.ProductionOnly, request.CheckpointType);
        Assert.Null(request.AutomaticCheckpoints);
        Assert.Null(request.CheckpointFileLocation);
        Assert.Equal(VmVersion.Of(vm), request.ExpectedVersion);
        Assert.Equal(vm.Id, request.VmId);
    }

    [Fact]
    public void BuildRequest_LocationOnVmWithCheckpoints_IsIgnored()
    {
        var vm = CheckpointTrees.Branched();

        var request = CheckpointSettingsRules.For(vm).BuildRequest(vm.CheckpointType, !vm.AutomaticCheckpoints, @"E:\Elsewhere")!;

        Assert.Null(request.CheckpointFileLocation);
        Assert.Equal(!vm.AutomaticCheckpoints, request.AutomaticCheckpoints);
    }

    [Fact]
    public void BuildRequest_NewLocation_IsValidatedAndSent()
    {
        var vm = CheckpointTrees.Empty();
        var rules = CheckpointSettingsRules.For(vm);

        Assert.Null(rules.BuildRequest(vm.CheckpointType, vm.AutomaticCheckpoints, "relative\\folder"));
        Assert.NotNull(rules.LocationError("relative\\folder"));
        Assert.Equal(@"E:\Checkpoints", rules.BuildRequest(vm.CheckpointType, vm.AutomaticCheckpoints, @"E:\Checkpoints")!.CheckpointFileLocation);
    }

    [Fact]
    public void BuildRequest_TypeOnOldConfigurationVersion_IsNotSent()
    {
        var vm = CheckpointTrees.Empty(configurationVersion: "5.0", type: CheckpointType.Unknown);

        Assert.Null(CheckpointSettingsRules.For(vm).BuildRequest(CheckpointType.Production, vm.AutomaticCheckpoints, vm.CheckpointFileLocation));
    }
}
