using System.Net;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>Resolves a credential reference from the fleet configuration to the credential itself.</summary>
/// <remarks>Implementations never log or expose the secret; callers pass it only to a transport.</remarks>
public interface ICredentialStore
{
    bool Exists(string name);

    /// <summary>The credential, or null when none is stored under <paramref name="name"/>.</summary>
    NetworkCredential? Find(string name);
}
