using CheckpointDashboard.Dashboard.Security.Oidc;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>Checks the <c>Auth</c> section at start; every problem names the key to fix.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MinimumPasswordLength is < 8 or > 128)
        {
            errors.Add($"Auth:MinimumPasswordLength: {options.MinimumPasswordLength} is outside [8, 128].");
        }

        if (options.MaxFailedAttempts is < 1 or > 100)
        {
            errors.Add($"Auth:MaxFailedAttempts: {options.MaxFailedAttempts} is outside [1, 100].");
        }

        if (options.LockoutDuration <= TimeSpan.Zero)
        {
            errors.Add("Auth:LockoutDuration: must be more than zero.");
        }

        if (options.SessionLifetime < TimeSpan.FromMinutes(1))
        {
            errors.Add("Auth:SessionLifetime: must be at least one minute.");
        }

        if (options.RevalidateSessionEvery < TimeSpan.FromSeconds(10))
        {
            errors.Add("Auth:RevalidateSessionEvery: must be at least 10 seconds.");
        }

        var admin = options.BootstrapAdmin;
        if (!string.IsNullOrEmpty(admin.Password) && admin.Password.Length < options.MinimumPasswordLength)
        {
            // The length only: the password itself never goes into a message.
            errors.Add($"Auth:BootstrapAdmin:Password: shorter than Auth:MinimumPasswordLength ({options.MinimumPasswordLength}).");
        }

        if (admin.UserName is { Length: > 0 } user && string.IsNullOrWhiteSpace(user))
        {
            errors.Add("Auth:BootstrapAdmin:UserName: cannot be blank.");
        }

        OidcOptionsValidator.AddErrors(options.Oidc, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
