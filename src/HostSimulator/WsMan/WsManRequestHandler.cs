using System.Security.Cryptography;
using System.Text;
using System.Xml;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Model;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// The HTTP side of one WS-Management request: finds the simulated host, applies its injected faults in the same
/// order as the in-process transport (<c>SimulatorCimSession</c>), checks Basic credentials, reads the request,
/// dispatches it and streams the answer.
/// </summary>
internal sealed class WsManRequestHandler
{
    private const string SoapContentType = "application/soap+xml;charset=UTF-8";

    private readonly SimulatedFleet _fleet;
    private readonly WsManServerOptions _options;
    private readonly WsManOperations _operations;
    private readonly byte[] _expectedCredentials;

    public WsManRequestHandler(SimulatedFleet fleet, WsManServerOptions options)
    {
        _fleet = fleet;
        _options = options;
        _operations = new WsManOperations(new EnumerationContextStore(fleet.Time, options.EnumerationContextLifetime, options.MaxEnumerationContexts), options.OnInvoke);
        _expectedCredentials = Encoding.UTF8.GetBytes(options.UserName + ":" + options.Password);
    }

    /// <param name="hostName">The host or cluster name of the URL, or null for <c>/wsman</c> (the first host).</param>
    public async Task HandleAsync(HttpContext context, string? hostName)
    {
        // A hung request must end when the client gives up or the server stops, whichever comes first.
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = linked.Token;

        var host = hostName is null ? DefaultHost() : _fleet.Resolve(hostName);
        if (host is null)
        {
            if (hostName is not null && _fleet.FindCluster(hostName) is not null)
            {
                // Every node of the cluster is down: nothing holds the cluster's address, so nothing answers.
                context.Abort();
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain;charset=UTF-8";
            await context.Response.WriteAsync($"No simulated host or cluster is named '{hostName}'.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var faults = host.Faults;
        var fails = host.CountRequestAndRollFailure();
        if (faults.Unreachable)
        {
            // Closing the connection unanswered is what a client of a down host sees (reset/refused), not an HTTP error.
            context.Abort();
            return;
        }

        try
        {
            if (faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(faults.Latency, _fleet.Time, cancellationToken).ConfigureAwait(false);
            }

            if (faults.Hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _fleet.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        if (faults.RejectCredentials || !IsAuthorized(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"WSMAN\"";
            return;
        }

        WsManRequest? request = null;
        WsManResponse response;
        try
        {
            request = await ReadRequestAsync(context.Request, cancellationToken).ConfigureAwait(false);
            if (fails)
            {
                throw new CimException(CimErrorKind.ProviderError, "Generic failure")
                {
                    Host = host.Name,
                    WmiErrorCode = WsManFaults.GenericFailureCode,
                    HostMessage = "Generic failure (injected fault).",
                };
            }

            response = _operations.Dispatch(host, request);
        }
        catch (WsManFaultException ex)
        {
            response = WsManResponse.ForFault(ex.Fault, host.Name);
        }
        catch (CimException ex)
        {
            response = WsManResponse.ForFault(WsManFaults.FromCimException(ex), host.Name);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits (a body past twice the cap, a broken chunked encoding).
            response = WsManResponse.ForFault(ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? WsManFaults.TooLarge(_options.MaxRequestBytes)
                : WsManFaults.Malformed(ex.Message), host.Name);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Abort();
            return;
        }
        catch (Exception ex)
        {
            // A defect in the simulator still answers in the protocol, so the client reports it instead of hanging.
            response = WsManResponse.ForFault(WsManFaults.InternalError(ex.Message), host.Name);
        }

        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = SoapContentType;
        try
        {
            if (faults.Malformed && response.Fault is null)
            {
                await SendTruncatedAsync(context.Response, response, request?.MessageId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SendAsync(context.Response.BodyWriter.AsStream(leaveOpen: true), response, request?.MessageId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private SimulatedHost? DefaultHost() => _fleet.StandaloneHosts.FirstOrDefault() ?? _fleet.Hosts.FirstOrDefault();

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(header["Basic ".Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, _expectedCredentials);
    }

    /// <summary>
    /// Reads the body and parses it. Past the size cap nothing more is buffered, but the rest is still read and
    /// dropped (Kestrel bounds it): a server that answers without reading the request resets the connection, and the
    /// client would see a broken connection instead of the fault.
    /// </summary>
    private async Task<WsManRequest> ReadRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = _options.MaxRequestBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        var tooLarge = false;
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            tooLarge |= buffer.Length + read > limit;
            if (!tooLarge)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        if (tooLarge)
        {
            throw new WsManFaultException(WsManFaults.TooLarge(limit));
        }

        buffer.Position = 0;
        return WsManRequestReader.Read(buffer, limit);
    }

    private static async Task SendAsync(Stream stream, WsManResponse response, string? relatesTo, CancellationToken cancellationToken)
    {
        var writer = XmlWriter.Create(stream, WsManEnvelopeWriter.Settings);
        await using (writer.ConfigureAwait(false))
        {
            WsManEnvelopeWriter.WriteStart(writer, response.Action, relatesTo);
            await response.WriteBody(writer, cancellationToken).ConfigureAwait(false);
            WsManEnvelopeWriter.WriteEnd(writer);
            await writer.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The injected "malformed" fault over the wire: the first half of the correct answer, with HTTP 200, so the
    /// client meets truncated XML where it expected an envelope.
    /// </summary>
    private static async Task SendTruncatedAsync(HttpResponse http, WsManResponse response, string? relatesTo, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await SendAsync(buffer, response, relatesTo, cancellationToken).ConfigureAwait(false);
        var length = (int)Math.Max(1, buffer.Length / 2);
        await http.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, length), cancellationToken).ConfigureAwait(false);
    }
}
