using System.Net;

namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>
/// Decides HTTPS redirection, HSTS and forwarded headers from the addresses the server listens on and the
/// <c>Hardening</c> options. Pure: no I/O, so every row of the decision table is a unit test.
/// </summary>
public static class ExposurePlanner
{
    /// <summary>Kestrel's address when none is configured.</summary>
    public const string DefaultAddress = "http://localhost:5000";

    /// <summary>The plan for a server listening on <paramref name="addresses"/> (none: Kestrel's default, loopback).</summary>
    public static ExposurePlan Decide(IReadOnlyList<string> addresses, HardeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> effective = addresses.Count == 0 ? [DefaultAddress] : addresses;
        var parsed = effective.Select(Parse).ToList();
        var loopbackOnly = parsed.All(a => a.IsLocal);

        // A proxy on the same machine forwarding to 127.0.0.1 still exposes the dashboard: behind a proxy counts as exposed.
        var exposed = !loopbackOnly || options.BehindProxy;
        var requireHttps = options.RequireHttps ?? exposed;
        var httpsPort = parsed.Where(a => a.IsHttps).Select(a => (int?)a.Port).FirstOrDefault();
        var hasHttps = httpsPort is not null;

        // Behind a proxy the proxy redirects; the dashboard would only see its own plain-HTTP hop and loop.
        var redirect = requireHttps && !options.BehindProxy && hasHttps;

        // HSTS goes out on HTTPS answers only; behind a proxy those are the requests it forwarded as https.
        var hsts = requireHttps && (hasHttps || options.BehindProxy);
        var plain = string.Join(", ", parsed.Where(a => !a.IsHttps && !a.IsLocal).Select(a => a.Text));
        string? warning = null;
        if (!loopbackOnly && !options.BehindProxy && !hasHttps)
        {
            warning = $"The dashboard listens beyond loopback over plain HTTP only ({plain}): sign-in passwords, cookies " +
                "and API tokens cross the network unencrypted. Add an https endpoint (Kestrel:Endpoints), or put it behind a " +
                "TLS-terminating reverse proxy and set Hardening:BehindProxy to true, or listen on 127.0.0.1 only.";
        }
        else if (!loopbackOnly && !options.BehindProxy && !requireHttps && plain.Length > 0)
        {
            warning = $"Hardening:RequireHttps is false: plain HTTP requests on {plain} are answered instead of redirected " +
                "to HTTPS, so sign-in passwords, cookies and API tokens may cross the network unencrypted.";
        }

        return new ExposurePlan(effective, loopbackOnly, options.BehindProxy, hsts, redirect, redirect ? httpsPort : null, warning);
    }

    /// <summary>
    /// True when <paramref name="address"/> (a Kestrel URL such as <c>http://127.0.0.1:5080</c>) is reachable from this
    /// machine only: a loopback IP, <c>localhost</c>, a Unix socket or a named pipe. Wildcards (<c>*</c>, <c>+</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>), host names and anything unparsable count as exposed.
    /// </summary>
    public static bool IsLocal(string address) => Parse(address).IsLocal;

    private static Address Parse(string text)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(text);
        }
        catch (FormatException)
        {
            // Unknown shapes are treated as exposed: a wrong guess costs a redirect, not a leak.
            return new Address(text, IsLocal: false, IsHttps: text.StartsWith("https:", StringComparison.OrdinalIgnoreCase), Port: 443);
        }

        var isHttps = string.Equals(binding.Scheme, "https", StringComparison.OrdinalIgnoreCase);
        if (binding.IsUnixPipe || binding.IsNamedPipe)
        {
            return new Address(text, IsLocal: true, isHttps, binding.Port);
        }

        var host = binding.Host.Trim('[', ']');
        var local = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
            (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        return new Address(text, local, isHttps, binding.Port);
    }

    private sealed record Address(string Text, bool IsLocal, bool IsHttps, int Port);
}
