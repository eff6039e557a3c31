using CheckpointDashboard.Dashboard.Hosting;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Hosting;

public sealed class SimulatorOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new SimulatorOptionsValidator().Validate(null, new SimulatorOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(SimulatorOptions.Hosts), "Simulator:Hosts")]
    [InlineData(nameof(SimulatorOptions.VmsPerHost), "Simulator:VmsPerHost")]
    [InlineData(nameof(SimulatorOptions.Speed), "Simulator:Speed")]
    [InlineData(nameof(SimulatorOptions.Latency), "Simulator:Latency")]
    public void Validate_OutOfRange_NamesTheKey(string property, string key)
    {
        var options = new SimulatorOptions();
        switch (property)
        {
            case nameof(SimulatorOptions.Hosts):
                options.Hosts = 6000;
                break;
            case nameof(SimulatorOptions.VmsPerHost):
                options.VmsPerHost = 0;
                break;
            case nameof(SimulatorOptions.Speed):
                options.Speed = double.NaN;
                break;
            default:
                options.Latency = TimeSpan.FromMinutes(-1);
                break;
        }

        var result = new SimulatorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Single(result.Failures!);
        Assert.StartsWith(key + ":", result.Failures!.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    public void IsWanted_WhenNoHostsOrForced(bool hasHosts, bool forced, bool expected)
    {
        var values = new Dictionary<string, string?>();
        if (hasHosts)
        {
            values["Fleet:Hosts:0:Name"] = "HV01";
        }

        if (forced)
        {
            values["Simulator:Enabled"] = "true";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        Assert.Equal(expected, EmbeddedSimulator.IsWanted(configuration));
    }
}
