namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>
/// The <c>Hardening</c> section: HTTPS and HSTS when the dashboard is reachable beyond loopback, request size limits and
/// rate limits. Every value has a default that is safe for a dashboard on a corporate network.
/// </summary>
public sealed class HardeningOptions
{
    public const string SectionName = "Hardening";

    /// <summary>
    /// Redirect plain HTTP to HTTPS and send HSTS. Unset (the default) means yes when the dashboard listens beyond
    /// loopback or sits behind a proxy, no when it listens on loopback only.
    /// </summary>
    public bool? RequireHttps { get; set; }

    /// <summary>
    /// A TLS-terminating reverse proxy forwards the requests: the client's address and scheme are taken from its
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers (only when they come from <see cref="KnownProxies"/> or
    /// <see cref="KnownNetworks"/>; loopback is always trusted) and the dashboard does not redirect itself.
    /// </summary>
    public bool BehindProxy { get; set; }

    /// <summary>Addresses of the reverse proxies whose forwarded headers are believed, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; } = [];

    /// <summary>Networks of the reverse proxies whose forwarded headers are believed, in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; } = [];

    /// <summary>How long a browser keeps to HTTPS for this host after a visit (HSTS <c>max-age</c>).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Whether HSTS covers subdomains too. Off by default: the dashboard's host name is often a subdomain of a corporate
    /// domain whose other sites it must not force onto HTTPS.
    /// </summary>
    public bool HstsIncludeSubDomains { get; set; }

    /// <summary>The largest request body accepted, in bytes (1 MiB by default): API bodies and form posts are small.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest body under <c>/api/v1/bulk</c> and <c>/api/v1/policies</c>, in bytes (8 MiB by default): a VM selection
    /// (<c>vmIds</c>) may list up to 100,000 VM ids, about 4 MB of JSON, more with indentation.
    /// </summary>
    public long MaxBulkRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The largest message a client may send over the SignalR hub <c>/hubs/jobs</c>, in bytes (32 KiB).</summary>
    public long HubMaxReceiveMessageBytes { get; set; } = 32 * 1024;

    /// <summary>The largest message a browser may send over its Blazor circuit, in bytes (32 KiB, Blazor's own default).</summary>
    public long CircuitMaxReceiveMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Sign-in attempts (form posts) per client address: 10 per 5 minutes by default.</summary>
    public HardeningRateLimit SignIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Requests under <c>/api/v1</c> per signed-in user, or per client address without one: 300 per minute by default.</summary>
    public HardeningRateLimit Api { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };
}
