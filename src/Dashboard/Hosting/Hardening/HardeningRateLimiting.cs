using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using CheckpointDashboard.Dashboard.Api;
using Microsoft.AspNetCore.RateLimiting;

namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>
/// The rate limits: <see cref="HardeningPolicies.SignIn"/> as a named policy for the sign-in endpoint, and every request
/// under <c>/api/v1</c> through the global limiter, so that no API file has to opt in. Rejections answer 429 with
/// <c>Retry-After</c> and a sentence.
/// </summary>
internal static class HardeningRateLimiting
{
    private const int ApiSteps = 10;
    private static readonly PathString s_api = "/api/v1";

    public static void Configure(RateLimiterOptions limiter, HardeningOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

        // A sliding window rather than a fixed one: a fixed window lets twice the limit through around its edge.
        limiter.AddPolicy(HardeningPolicies.SignIn, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetSlidingWindowLimiter("ip:" + ClientAddress(context), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.SignIn.PermitLimit,
                Window = options.SignIn.Window,
                SegmentsPerWindow = 5,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(""));

        // A token bucket refilled in ten steps per window: a script may burst up to the limit, then runs at the average rate.
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsApi(context)
            ? RateLimitPartition.GetTokenBucketLimiter(ApiPartition(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Api.PermitLimit,
                TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(options.Api.PermitLimit / (double)ApiSteps)),
                ReplenishmentPeriod = options.Api.Window / ApiSteps,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(""));

        limiter.OnRejected = (context, cancellationToken) => OnRejectedAsync(context, options, cancellationToken);
    }

    /// <summary>
    /// The client's address as the partition key. IPv6 clients are counted per /64, the block one site or device usually
    /// holds, since a single client can pick any address in it.
    /// </summary>
    internal static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(address)
            ? new IPNetwork(address, 64).BaseAddress + "/64"
            : address.ToString();
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(s_api, StringComparison.OrdinalIgnoreCase);

    private static string ApiPartition(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? "user:" + name : "ip:" + ClientAddress(context);

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, HardeningOptions options, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var isApi = IsApi(http);
        var rate = isApi ? options.Api : options.SignIn;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : rate.Window;
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HardeningRateLimiting).FullName!);
        var partition = isApi ? ApiPartition(http) : "ip:" + ClientAddress(http);
        logger.LogInformation("Rate limit {Policy} refused {Method} {Path} for {Partition}; retry after {Seconds} s.",
            isApi ? HardeningPolicies.Api : HardeningPolicies.SignIn, http.Request.Method, http.Request.Path.Value, partition, seconds);

        var window = rate.Window.ToString("c", CultureInfo.InvariantCulture);
        if (isApi)
        {
            var message = $"Too many API requests: at most {rate.PermitLimit} per {window} for each user (or client address " +
                $"without sign-in). Try again in {seconds} seconds.";
            await http.Response.WriteAsJsonAsync(new ProblemMessage(message), cancellationToken);
        }
        else
        {
            // A person at a browser reads this, not a script.
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"Too many sign-in attempts from this address: at most {rate.PermitLimit} per " +
                $"{window}. Try again in {seconds} seconds.", cancellationToken);
        }
    }
}
