using System.Net;
using CheckpointDashboard.Dashboard.Hubs;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>Registers the hardening: the <c>Hardening</c> options, forwarded headers, size limits and rate limits.</summary>
public static class HardeningServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <see cref="HardeningApplicationBuilderExtensions.UseHardening"/> and
    /// <see cref="HardeningApplicationBuilderExtensions.UseHardeningRateLimits"/> need. Call it after Blazor and SignalR
    /// are added, so that the message size limits set here are the last word.
    /// </summary>
    public static IServiceCollection AddHardening(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HardeningOptions>().Bind(configuration.GetSection(HardeningOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HardeningOptions>, HardeningOptionsValidator>());
        services.TryAddSingleton<ExposureState>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HardeningOptions>>((forwarded, hardening) =>
        {
            // Not X-Forwarded-Host: the host is what links and redirects are built from, and the proxy passes it as Host.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in hardening.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }

            foreach (var network in hardening.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }
        });

        // Kestrel's own limit is the general one; RequestBodyLimitMiddleware raises it per request for the selection APIs.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HardeningOptions>>((kestrel, hardening) =>
        {
            kestrel.Limits.MaxRequestBodySize = hardening.Value.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        services.AddOptions<HubOptions<JobsHub>>().Configure<IOptions<HardeningOptions>>((hub, hardening) =>
            hub.MaximumReceiveMessageSize = hardening.Value.HubMaxReceiveMessageBytes);

        // Blazor's hub type is internal, so its options are reached through Blazor's own builder. The value is read from
        // the configuration when the options are built, not now, so sources added after this call (tests) count.
        new BlazorBuilder(services).AddHubOptions(hub => hub.MaximumReceiveMessageSize = configuration
            .GetSection(HardeningOptions.SectionName).Get<HardeningOptions>()?.CircuitMaxReceiveMessageBytes
            ?? new HardeningOptions().CircuitMaxReceiveMessageBytes);

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<HardeningOptions>>((limiter, hardening) =>
            HardeningRateLimiting.Configure(limiter, hardening.Value));
        return services;
    }

    private sealed class BlazorBuilder(IServiceCollection services) : IServerSideBlazorBuilder
    {
        public IServiceCollection Services => services;
    }
}
