using System.Security.Cryptography.X509Certificates;
using CheckpointDashboard.HostSimulator.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// A small Kestrel web app serving a <see cref="SimulatedFleet"/> over WS-Management (see
/// <see cref="WsManEndpointRouteBuilderExtensions.MapSimulatorWsMan"/>). Used by the standalone simulator, by tests,
/// and embedded in the dashboard's default run.
/// </summary>
/// <remarks>
/// Start it with <see cref="StartAsync"/>; it listens until disposed. Disposing stops Kestrel and ends requests that
/// an injected hang holds open.
/// </remarks>
public sealed class SimulatorWsManHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorWsManHost(WebApplication app, Uri baseAddress, X509Certificate2? certificate)
    {
        _app = app;
        BaseAddress = baseAddress;
        Certificate = certificate;
        CertificateThumbprint = certificate is null ? null : SelfSignedCertificate.Thumbprint(certificate);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:54321/</c>; hosts answer at <c>{BaseAddress}{host}/wsman</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The generated certificate when serving HTTPS, else null.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The SHA-256 thumbprint (upper-case hex) of <see cref="Certificate"/>, for clients to pin; null over HTTP.</summary>
    public string? CertificateThumbprint { get; }

    /// <summary>Starts serving <paramref name="fleet"/>.</summary>
    /// <param name="options">Credentials, limits, address, port (0 = any free port) and HTTPS; defaults when null.</param>
    public static async Task<SimulatorWsManHost> StartAsync(SimulatedFleet fleet, WsManServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        options ??= new WsManServerOptions();
        var certificate = options.UseHttps ? SelfSignedCertificate.Create(DateTimeOffset.UtcNow) : null;

        // The empty builder: no configuration files, no console logging, no environment-specific behaviour; the
        // host is part of whichever process embeds it.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Kestrel's own cap sits above the server's, so an oversized request gets a SOAP fault rather than a bare 413.
            kestrel.Limits.MaxRequestBodySize = (long)options.MaxRequestBytes * 2;
            kestrel.Listen(options.ListenAddress, options.Port, listen =>
            {
                // WinRM speaks HTTP/1.1 only.
                listen.Protocols = HttpProtocols.Http1;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        builder.Services.AddRouting();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        app.UseRouting();
        app.MapSimulatorWsMan(fleet, options);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            certificate?.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorWsManHost(app, new Uri(address.TrimEnd('/') + "/"), certificate);
    }

    /// <summary>The WS-Management endpoint of a host or cluster: <c>{BaseAddress}{name}/wsman</c>.</summary>
    public Uri EndpointFor(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Uri(BaseAddress, Uri.EscapeDataString(name) + "/wsman");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate?.Dispose();
    }
}
