using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Reports;

/// <summary>A real HTTP receiver on a loopback port: records every POST; a path containing "fail" answers 500.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Path, string Body)> _received = [];

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
        _app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            lock (_received)
            {
                _received.Add((context.Request.Path + context.Request.QueryString, body));
            }

            return context.Request.Path.Value!.Contains("fail", StringComparison.Ordinal) ? Results.StatusCode(500) : Results.Ok();
        });
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<(string Path, string Body)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        // The receiver is the webhook side: its own request logs would print the secret URLs the test checks for.
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        await receiver._app.StartAsync(cancellationToken);
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>The JSON body of the one POST to a path starting with <paramref name="pathPrefix"/>.</summary>
    public JsonDocument Single(string pathPrefix) =>
        JsonDocument.Parse(Received.Single(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).Body);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
