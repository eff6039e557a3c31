using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CheckpointDashboard.Dashboard.Reports;

public static class ReportServiceCollectionExtensions
{
    /// <summary>
    /// The report service, the trend history sampler and the digest with its webhooks. Register after the store: the
    /// report service reads the saved rules when it starts.
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrendStore>();
        services.TryAddSingleton<ReportService>();
        services.TryAddSingleton<IReportService>(sp => sp.GetRequiredService<ReportService>());
        services.AddHostedService(sp => sp.GetRequiredService<ReportService>());
        services.AddHostedService<HistorySampler>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<DigestService>();
        services.AddHostedService<DigestScheduler>();

        // No request logging on this client: the default handlers log the full URL, and a webhook URL is its secret.
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("digest", (pipeline, context) =>
            {
                var digest = context.ServiceProvider.GetRequiredService<IOptions<ReportOptions>>().Value.Digest;
                pipeline.AddTimeout(digest.Timeout);
                if (digest.Retries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = digest.Retries,
                        Delay = digest.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }
            });
        return services;
    }
}
