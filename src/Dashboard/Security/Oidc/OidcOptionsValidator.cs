namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>The <c>Auth:Oidc</c> rules, run by <see cref="AuthOptionsValidator"/>; every error names the key to fix.</summary>
internal static class OidcOptionsValidator
{
    private const string Section = "Auth:Oidc";

    /// <summary>Adds the problems of <paramref name="options"/> to <paramref name="errors"/>; nothing is checked while it is off.</summary>
    public static void AddErrors(OidcOptions options, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (!options.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            errors.Add($"{Section}:Authority: required when {Section}:Enabled is true.");
        }
        else if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            errors.Add($"{Section}:Authority: '{options.Authority}' is not an absolute https URL.");
        }
        else if (authority.Scheme == "http" && options.RequireHttpsMetadata)
        {
            // Over plain HTTP anyone on the path could swap the provider's signing keys and sign in as anybody.
            errors.Add($"{Section}:Authority: must be https (or set {Section}:RequireHttpsMetadata to false for a lab provider).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{Section}:ClientId: required when {Section}:Enabled is true.");
        }

        if (string.IsNullOrWhiteSpace(options.DisplayName))
        {
            errors.Add($"{Section}:DisplayName: cannot be blank.");
        }

        if (string.IsNullOrWhiteSpace(options.UserNameClaim))
        {
            errors.Add($"{Section}:UserNameClaim: cannot be blank.");
        }

        if (string.IsNullOrWhiteSpace(options.GroupsClaim))
        {
            errors.Add($"{Section}:GroupsClaim: cannot be blank.");
        }

        if (!options.CallbackPath.StartsWith('/') || options.CallbackPath.StartsWith("//", StringComparison.Ordinal))
        {
            errors.Add($"{Section}:CallbackPath: '{options.CallbackPath}' must be a path on this site, starting with '/'.");
        }

        for (var i = 0; i < options.GroupRoles.Count; i++)
        {
            var mapping = options.GroupRoles[i];
            if (string.IsNullOrWhiteSpace(mapping?.Group))
            {
                errors.Add($"{Section}:GroupRoles:{i}:Group: required.");
            }

            if (string.IsNullOrWhiteSpace(mapping?.Role))
            {
                errors.Add($"{Section}:GroupRoles:{i}:Role: required.");
            }
        }
    }
}
