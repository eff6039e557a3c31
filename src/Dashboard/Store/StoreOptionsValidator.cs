using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Store;

/// <summary>Checks the <c>Store</c> section, naming each key to fix.</summary>
public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{StoreOptions.SectionName}:Provider: '{options.Provider}' is not supported. Only Sqlite is built today; PostgreSQL (for several dashboard instances) is planned and the model is ready for it.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory) && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{StoreOptions.SectionName}:DataDirectory: is required unless {StoreOptions.SectionName}:ConnectionString is set.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
