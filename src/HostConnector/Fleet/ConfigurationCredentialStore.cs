using System.Net;
using Microsoft.Extensions.Configuration;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>
/// Credentials from configuration: <c>Credentials:NAME:UserName</c> and <c>Credentials:NAME:Password</c>.
/// Keep passwords out of <c>appsettings.json</c>: supply them as environment variables
/// (<c>Credentials__NAME__Password</c>) or user secrets.
/// </summary>
public sealed class ConfigurationCredentialStore : ICredentialStore
{
    public const string SectionName = "Credentials";
    private readonly IConfiguration _configuration;

    public ConfigurationCredentialStore(IConfiguration configuration)
    {
        _configuration = configuration;
    }

    public bool Exists(string name) =>
        !string.IsNullOrWhiteSpace(name) &&
        !string.IsNullOrEmpty(_configuration[$"{SectionName}:{name}:UserName"]);

    public NetworkCredential? Find(string name)
    {
        if (!Exists(name))
        {
            return null;
        }

        var section = _configuration.GetSection($"{SectionName}:{name}");
        var user = section["UserName"]!;
        var password = section["Password"] ?? string.Empty;
        var slash = user.IndexOf('\\', StringComparison.Ordinal);
        return slash > 0
            ? new NetworkCredential(user[(slash + 1)..], password, user[..slash])
            : new NetworkCredential(user, password);
    }
}
