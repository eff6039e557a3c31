using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Hosting;

/// <summary>Checks the <c>Simulator</c> section, naming each key to fix.</summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = SimulatorOptions.SectionName;
        if (options.Hosts is < 0 or > 5000)
        {
            errors.Add($"{s}:Hosts: {options.Hosts} is outside [0, 5000] (0 means the default fleet).");
        }

        if (options.VmsPerHost is < 1 or > 500)
        {
            errors.Add($"{s}:VmsPerHost: {options.VmsPerHost} is outside [1, 500].");
        }

        if (!(options.Speed is >= 0.01 and <= 10_000))
        {
            errors.Add($"{s}:Speed: {options.Speed} is outside [0.01, 10000].");
        }

        if (options.Latency < TimeSpan.Zero || options.Latency > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{s}:Latency: {options.Latency} is outside [0, 00:01:00].");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
