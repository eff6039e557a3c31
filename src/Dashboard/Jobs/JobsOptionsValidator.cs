using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Jobs;

/// <summary>Checks the <c>Jobs</c> section, naming each key to fix.</summary>
public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = JobsOptions.SectionName;
        Check(errors, $"{s}:PollInterval", options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        Check(errors, $"{s}:HostLostAfter", options.HostLostAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Check(errors, $"{s}:ReconcileInterval", options.ReconcileInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Check(errors, $"{s}:ProgressPersistInterval", options.ProgressPersistInterval, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        if (options.MaxConcurrentJobs is < 1 or > 1000)
        {
            errors.Add($"{s}:MaxConcurrentJobs: {options.MaxConcurrentJobs} is outside [1, 1000].");
        }

        if (options.MaxConcurrentMergesPerHost is < 1 or > 100)
        {
            errors.Add($"{s}:MaxConcurrentMergesPerHost: {options.MaxConcurrentMergesPerHost} is outside [1, 100].");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key}: {value} is outside [{min}, {max}].");
        }
    }
}
