using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Bulk;

/// <summary>Checks the <c>Bulk</c> section, naming each key to fix.</summary>
public sealed class BulkOptionsValidator : IValidateOptions<BulkOptions>
{
    public ValidateOptionsResult Validate(string? name, BulkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = BulkOptions.SectionName;
        if (options.MaxConcurrentPerHost is < 1 or > 64)
        {
            errors.Add($"{s}:MaxConcurrentPerHost: {options.MaxConcurrentPerHost} is outside [1, 64].");
        }

        if (options.MaxConcurrent is < 1 or > 1000)
        {
            errors.Add($"{s}:MaxConcurrent: {options.MaxConcurrent} is outside [1, 1000].");
        }

        if (options.CheckInterval < TimeSpan.FromMilliseconds(100) || options.CheckInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{s}:CheckInterval: {options.CheckInterval} is outside [00:00:00.1, 00:10:00].");
        }

        if (options.InventoryWait < TimeSpan.Zero || options.InventoryWait > TimeSpan.FromHours(1))
        {
            errors.Add($"{s}:InventoryWait: {options.InventoryWait} is outside [00:00:00, 01:00:00].");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
