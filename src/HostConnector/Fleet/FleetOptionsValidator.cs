using System.Text.RegularExpressions;
using CheckpointDashboard.HostConnector.Cim;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.HostConnector.Fleet;

/// <summary>
/// Checks the whole <c>Fleet</c> section at start and reports every problem at once, each naming the
/// configuration key to fix, so an operator fixes the file in one pass.
/// </summary>
public sealed partial class FleetOptionsValidator : IValidateOptions<FleetOptions>
{
    private static readonly string[] s_authentications = ["Negotiate", "Kerberos", "Ntlm", "Basic"];
    private readonly ICredentialStore _credentials;

    public FleetOptionsValidator(ICredentialStore credentials)
    {
        _credentials = credentials;
    }

    public ValidateOptionsResult Validate(string? name, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Hosts.Count; i++)
        {
            ValidateEndpoint(options.Hosts[i], $"{FleetOptions.SectionName}:Hosts:{i}", names, errors);
        }

        for (var i = 0; i < options.Clusters.Count; i++)
        {
            var cluster = options.Clusters[i];
            var key = $"{FleetOptions.SectionName}:Clusters:{i}";
            ValidateEndpoint(cluster, key, names, errors);
            if (!string.IsNullOrWhiteSpace(cluster.NodeEndpoint))
            {
                if (!cluster.NodeEndpoint.Contains("{node}", StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"{key}:NodeEndpoint: '{cluster.NodeEndpoint}' must contain {{node}}, where each node's name goes.");
                }
                else if (!Uri.TryCreate(cluster.NodeEndpointFor("node1"), UriKind.Absolute, out _))
                {
                    errors.Add($"{key}:NodeEndpoint: '{cluster.NodeEndpoint}' does not make an absolute URL.");
                }
            }
        }

        var section = FleetOptions.SectionName;
        Range(errors, $"{section}:RefreshInterval", options.RefreshInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Range(errors, $"{section}:ClusterDiscoveryInterval", options.ClusterDiscoveryInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Range(errors, $"{section}:HostTimeout", options.HostTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Range(errors, $"{section}:OperationTimeout", options.OperationTimeout, TimeSpan.FromMilliseconds(50), TimeSpan.FromHours(1));
        Range(errors, $"{section}:RetryDelay", options.RetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        Range(errors, $"{section}:CircuitBreakDuration", options.CircuitBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        Range(errors, $"{section}:DiskScanInterval", options.DiskScanInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        Range(errors, $"{section}:FullReadInterval", options.FullReadInterval, TimeSpan.Zero, TimeSpan.FromDays(1));
        Range(errors, $"{section}:PublishCoalescing", options.PublishCoalescing, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        if (options.MaxBackoff < options.RefreshInterval)
        {
            errors.Add($"{section}:MaxBackoff: {options.MaxBackoff} is shorter than {section}:RefreshInterval ({options.RefreshInterval}); a failing host would be polled more often than a healthy one.");
        }

        if (options.OperationTimeout > options.HostTimeout)
        {
            errors.Add($"{section}:OperationTimeout: {options.OperationTimeout} is longer than {section}:HostTimeout ({options.HostTimeout}); one request could never finish within a refresh.");
        }

        Range(errors, $"{section}:MaxConcurrency", options.MaxConcurrency, 1, 4096);
        Range(errors, $"{section}:Retries", options.Retries, 0, 10);
        Range(errors, $"{section}:CircuitBreakerFailures", options.CircuitBreakerFailures, 2, 1000);
        Range(errors, $"{section}:MaxDiskScansPerRefresh", options.MaxDiskScansPerRefresh, 0, 10_000);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateEndpoint(EndpointOptions endpoint, string key, HashSet<string> names, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(endpoint.Name))
        {
            errors.Add($"{key}:Name: is required.");
            return;
        }

        if (!HostNamePattern().IsMatch(endpoint.Name))
        {
            errors.Add($"{key}:Name: '{endpoint.Name}' is not a host name (letters, digits, '-', '_' and '.', up to 253 characters).");
        }
        else if (!names.Add(endpoint.Name))
        {
            errors.Add($"{key}:Name: '{endpoint.Name}' appears more than once in {FleetOptions.SectionName}:Hosts and {FleetOptions.SectionName}:Clusters.");
        }

        if (!Uri.TryCreate(endpoint.EffectiveEndpoint, UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https" or "sim"))
        {
            errors.Add($"{key}:Endpoint: '{endpoint.Endpoint}' is not an http://, https:// or sim:// URL.");
            return;
        }

        var isSim = uri.Scheme == "sim";
        if (endpoint.Transport == CimTransport.Simulator && !isSim)
        {
            errors.Add($"{key}:Transport: Simulator needs a sim://NAME endpoint, not '{uri}'.");
        }
        else if (isSim && endpoint.Transport is CimTransport.WsMan or CimTransport.Mmi)
        {
            errors.Add($"{key}:Transport: {endpoint.Transport} cannot reach the simulator endpoint '{uri}'; use Auto or Simulator.");
        }

        if (!s_authentications.Contains(endpoint.Authentication, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{key}:Authentication: '{endpoint.Authentication}' is not one of {string.Join(", ", s_authentications)}.");
        }
        else if (uri.Scheme == "http" && string.Equals(endpoint.Authentication, "Basic", StringComparison.OrdinalIgnoreCase) &&
                 !endpoint.AllowUnencryptedBasic)
        {
            errors.Add($"{key}:Authentication: Basic over plain HTTP ('{uri}') sends the password in clear text. Use https://, another scheme, or set {key}:AllowUnencryptedBasic to true.");
        }

        if (!string.IsNullOrWhiteSpace(endpoint.Credential) && !_credentials.Exists(endpoint.Credential))
        {
            errors.Add($"{key}:Credential: no credential named '{endpoint.Credential}' is configured (expected {ConfigurationCredentialStore.SectionName}:{endpoint.Credential}:UserName).");
        }

        if (!string.IsNullOrWhiteSpace(endpoint.CertificateThumbprint) && !ThumbprintPattern().IsMatch(endpoint.CertificateThumbprint))
        {
            errors.Add($"{key}:CertificateThumbprint: '{endpoint.CertificateThumbprint}' is not a 40- or 64-digit hex thumbprint.");
        }

        if (!string.IsNullOrWhiteSpace(endpoint.TrustedCaFile) && !File.Exists(endpoint.TrustedCaFile))
        {
            errors.Add($"{key}:TrustedCaFile: '{endpoint.TrustedCaFile}' does not exist.");
        }
    }

    private static void Range(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key}: {value} is outside [{min}, {max}].");
        }
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key}: {value} is outside [{min}, {max}].");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,252}$")]
    private static partial Regex HostNamePattern();

    [GeneratedRegex("^([0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$")]
    private static partial Regex ThumbprintPattern();
}
