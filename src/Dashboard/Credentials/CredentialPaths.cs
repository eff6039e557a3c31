using CheckpointDashboard.Dashboard.Store;

namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>Where the credential file and the key ring live: beside the store, in <c>Store:DataDirectory</c>.</summary>
public static class CredentialPaths
{
    /// <summary>The store's folder, resolved as the store resolves it (relative to the content root).</summary>
    public static string DataDirectory(StoreOptions store, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(environment);
        return Path.GetFullPath(store.DataDirectory, environment.ContentRootPath);
    }

    /// <summary>The Data Protection key ring's folder.</summary>
    public static string KeyDirectory(StoreOptions store, IHostEnvironment environment) =>
        Path.Combine(DataDirectory(store, environment), "keys");

    /// <summary>The credential file.</summary>
    public static string CredentialFile(StoreOptions store, IHostEnvironment environment) =>
        Path.Combine(DataDirectory(store, environment), ProtectedCredentialStore.FileName);
}
