namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>Where a credential the hosts can name comes from.</summary>
public enum CredentialSource
{
    /// <summary>Saved from the Credentials page or the API, its password protected with the key ring.</summary>
    Store,

    /// <summary>The <c>Credentials</c> section of the configuration (appsettings, environment variables).</summary>
    Configuration,
}
