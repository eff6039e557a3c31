using System.Net;
using CheckpointDashboard.HostConnector.Fleet;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

/// <summary>A credential store that knows exactly the names it was given.</summary>
internal sealed class FakeCredentialStore(params string[] names) : ICredentialStore
{
    private readonly HashSet<string> _names = new(names, StringComparer.OrdinalIgnoreCase);

    public bool Exists(string name) => _names.Contains(name);

    public NetworkCredential? Find(string name) => Exists(name) ? new NetworkCredential("svc-dashboard", "not-a-secret", "CORP") : null;
}
