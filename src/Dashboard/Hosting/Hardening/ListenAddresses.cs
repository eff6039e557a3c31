using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>Where the dashboard listens: the server's bound addresses once it has started, else what is configured.</summary>
public static class ListenAddresses
{
    /// <summary>
    /// The addresses Kestrel bound (every source counted: <c>urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>,
    /// <c>http_ports</c>, code). A server that reports none (the in-memory test server) falls back to
    /// <see cref="FromConfiguration"/>.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IServer server, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(server);
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        return bound is { Count: > 0 } ? [.. bound] : FromConfiguration(configuration);
    }

    /// <summary>
    /// The addresses the configuration asks for, in Kestrel's order of precedence: <c>Kestrel:Endpoints:*:Url</c>, then
    /// <c>urls</c> (also <c>ASPNETCORE_URLS</c> and <c>--urls</c>), then <c>http_ports</c> / <c>https_ports</c> (which
    /// listen on every interface). Empty when nothing is configured (Kestrel then listens on localhost:5000).
    /// </summary>
    public static IReadOnlyList<string> FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>().Where(u => u.Length > 0).ToList();
        if (endpoints.Count > 0)
        {
            return endpoints;
        }

        var urls = Split(configuration["urls"]);
        if (urls.Count > 0)
        {
            return urls;
        }

        return [.. Split(configuration["http_ports"]).Select(p => $"http://*:{p}"),
            .. Split(configuration["https_ports"]).Select(p => $"https://*:{p}")];
    }

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
