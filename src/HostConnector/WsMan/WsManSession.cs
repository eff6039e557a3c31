using System.Globalization;
using System.Net;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// An <see cref="ICimSession"/> over WS-Management (SOAP 1.2 over HTTP(S) to <c>/wsman</c>), written in managed
/// code so the dashboard reads Hyper-V hosts from Linux and containers as well as from Windows. It speaks the wire
/// of docs/WSMAN.md: optimized Enumerate with a WQL filter + Pull + Release, transfer Get, and method Invoke.
/// </summary>
/// <remarks>
/// <para>
/// Lifetime: one session per <see cref="CimConnection"/>, reused for the life of a host's watch loop; it owns one
/// <see cref="HttpClient"/> whose connections are kept alive and reused, and disposing the session disposes it.
/// Safe for concurrent calls.
/// </para>
/// <para>
/// Every call (a whole enumeration included) is bounded by <see cref="CimConnection.OperationTimeout"/>, also sent
/// to the host as <c>w:OperationTimeout</c>; running out becomes <see cref="CimErrorKind.Timeout"/>, cancellation by
/// the caller stays an <see cref="OperationCanceledException"/>. An enumeration stopped early (cancellation,
/// timeout, a size cap, a broken page) is released on the host, bounded by
/// <see cref="WsManClientOptions.ReleaseTimeout"/>.
/// </para>
/// <para>
/// Security: TLS certificates are validated unless the host's <see cref="WsManSecurityOptions"/> pin one, name a CA or
/// skip validation; Basic authentication is refused over plain HTTP unless explicitly allowed; responses are read with
/// DTDs prohibited, no external resolution and a size cap. MS-WSMV message encryption over HTTP is not implemented,
/// so hosts with WinRM's default <c>AllowUnencrypted=false</c> must be reached over HTTPS (port 5986).
/// </para>
/// </remarks>
public sealed class WsManSession : ICimSession
{
    private readonly CimConnection _connection;
    private readonly WsManClientOptions _options;
    private readonly TimeProvider _time;
    private readonly WsManHttpClient? _http;
    private readonly CimException? _configurationError;

    public WsManSession(CimConnection connection, WsManClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _connection = connection;
        _options = options;
        _time = time;
        try
        {
            _http = new WsManHttpClient(connection, options);
        }
        catch (CimException ex) when (ex.Kind == CimErrorKind.Configuration)
        {
            // Reported by every call instead of by Open, so a host with a bad configuration shows up in the fleet
            // with the reason, like any other failing host; nothing is ever sent for it.
            _configurationError = ex;
        }
    }

    public string HostName => _connection.HostName;

    public Task<IReadOnlyList<CimInstance>> QueryAsync(string cimNamespace, string wql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cimNamespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(wql);
        return EnumerateCoreAsync(WsManNames.WildcardResourceUri(cimNamespace), CimNamespaces.Normalize(cimNamespace), wql, cancellationToken);
    }

    public Task<IReadOnlyList<CimInstance>> EnumerateAsync(string cimNamespace, string className, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cimNamespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        return EnumerateCoreAsync(WsManNames.ResourceUri(cimNamespace, className), CimNamespaces.Normalize(cimNamespace), null, cancellationToken);
    }

    public Task<CimInstance> GetAsync(CimReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var resourceUri = WsManNames.ResourceUri(reference.Namespace, reference.ClassName);
        return RunAsync(async (http, token) =>
        {
            var header = Header(resourceUri, WsManNames.ActionGet, reference.Selectors);
            var instance = await ExchangeAsync(http, WsManRequestWriter.Get(header), header.MessageId, reference.Namespace,
                WsManResponseReader.ReadGetResponse, token).ConfigureAwait(false);

            // A Get answer rarely carries cim:Location; the reference asked for is the instance's path.
            return instance.Path is not null
                ? instance
                : new CimInstance(instance.ClassName, instance.Namespace, instance.Properties,
                    reference.Selectors.Select(s => s.Key), reference);
        }, cancellationToken);
    }

    public Task<CimMethodResult> InvokeAsync(
        CimReference target,
        string methodName,
        IReadOnlyDictionary<string, object?> parameters,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        ArgumentNullException.ThrowIfNull(parameters);
        var resourceUri = WsManNames.ResourceUri(target.Namespace, target.ClassName);
        return RunAsync(async (http, token) =>
        {
            var header = Header(resourceUri, WsManNames.MethodAction(resourceUri, methodName), target.Selectors);
            var envelope = WsManRequestWriter.Invoke(header, methodName, parameters);
            return await ExchangeAsync(http, envelope, header.MessageId, target.Namespace,
                (body, context) => WsManResponseReader.ReadInvokeResponse(body, context, methodName), token).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CimInstance>> AssociatorsAsync(
        CimReference source,
        string associationClass,
        string? resultClass,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(associationClass);
        return QueryAsync(source.Namespace, AssociatorsQuery(source, associationClass, resultClass), cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _http?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The WQL an association walk sends: <c>ASSOCIATORS OF {path} WHERE AssocClass = X [ResultClass = Y]</c>.</summary>
    public static string AssociatorsQuery(CimReference source, string associationClass, string? resultClass)
    {
        ArgumentNullException.ThrowIfNull(source);
        var query = $"ASSOCIATORS OF {{{source.ToWmiPath()}}} WHERE AssocClass = {associationClass}";
        return string.IsNullOrWhiteSpace(resultClass) ? query : $"{query} ResultClass = {resultClass}";
    }

    private Task<IReadOnlyList<CimInstance>> EnumerateCoreAsync(
        string resourceUri, string cimNamespace, string? wqlFilter, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<CimInstance>>(async (http, token) =>
        {
            var results = new List<CimInstance>();
            string? context = null;
            var ended = false;
            try
            {
                var header = Header(resourceUri, WsManNames.ActionEnumerate, null);
                var page = await ExchangeAsync(http, WsManRequestWriter.Enumerate(header, wqlFilter, _options.MaxElements),
                    header.MessageId, cimNamespace, WsManResponseReader.ReadEnumerateResponse, token).ConfigureAwait(false);
                while (true)
                {
                    context = page.EnumerationContext ?? context;
                    ended = page.EndOfSequence;
                    results.AddRange(page.Items);
                    if (results.Count > _options.MaxItems)
                    {
                        throw WsManResponseReader.Malformed(HostName, string.Create(CultureInfo.InvariantCulture,
                            $"the enumeration returned more than {_options.MaxItems} items (MaxItems); it was released"));
                    }

                    if (ended)
                    {
                        return results;
                    }

                    if (page.EnumerationContext is null)
                    {
                        throw WsManResponseReader.Malformed(HostName, "the enumeration response has neither an EnumerationContext nor an EndOfSequence");
                    }

                    header = Header(resourceUri, WsManNames.ActionPull, null);
                    page = await ExchangeAsync(http, WsManRequestWriter.Pull(header, page.EnumerationContext, _options.MaxElements),
                        header.MessageId, cimNamespace, WsManResponseReader.ReadPullResponse, token).ConfigureAwait(false);
                }
            }
            catch (Exception) when (!ended && context is not null)
            {
                await ReleaseAsync(http, resourceUri, cimNamespace, context).ConfigureAwait(false);
                throw;
            }
        }, cancellationToken);

    /// <summary>Best effort: the host frees the context now instead of at its own expiry; failures change nothing.</summary>
    private async Task ReleaseAsync(WsManHttpClient http, string resourceUri, string cimNamespace, string context)
    {
        // Not linked to the caller's token (it may be the very thing that stopped the enumeration), but short.
        var timeout = _options.ReleaseTimeout < _connection.OperationTimeout ? _options.ReleaseTimeout : _connection.OperationTimeout;
        using var release = new CancellationTokenSource(timeout, _time);
        try
        {
            var header = Header(resourceUri, WsManNames.ActionRelease, null);
            await ExchangeAsync(http, WsManRequestWriter.Release(header, context), header.MessageId, cimNamespace,
                static (body, responseContext) =>
                {
                    WsManResponseReader.ReadReleaseResponse(body, responseContext);
                    return true;
                }, release.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Whatever went wrong, the context expires on the host anyway; the caller's own error is what matters.
        }
    }

    private async Task<T> ExchangeAsync<T>(
        WsManHttpClient http,
        byte[] envelope,
        string messageId,
        string cimNamespace,
        Func<ReadOnlyMemory<byte>, WsManResponseContext, T> read,
        CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(envelope, cancellationToken).ConfigureAwait(false);
        WsManMetrics.RecordExchange(envelope.Length, response.Body.Length);
        var context = new WsManResponseContext(HostName, messageId, cimNamespace, _options.EffectiveMaxResponseBytes);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return read(response.Body, context);
        }

        throw NonSuccess(response, context);
    }

    private CimException NonSuccess(WsManHttpResponse response, WsManResponseContext context)
    {
        // WinRM sends faults with 400 and 500; whatever else comes without a fault is named by its status.
        var status = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}").TrimEnd();
        CimException? parseError = null;
        if (response.Body.Length > 0)
        {
            try
            {
                if (WsManResponseReader.TryReadFault(response.Body, context) is { } fault)
                {
                    return fault;
                }
            }
            catch (CimException ex)
            {
                parseError = ex;
            }
        }

        return new CimException(CimErrorKind.ProviderError, $"{HostName} answered {status} without a SOAP fault.", parseError)
        {
            Host = HostName,
        };
    }

    private Task<T> RunAsync<T>(Func<WsManHttpClient, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        if (_http is null)
        {
            var error = _configurationError!;
            return Task.FromException<T>(new CimException(error.Kind, error.Message) { Host = error.Host });
        }

        return CimOperation.RunAsync(HostName, _connection.OperationTimeout, _time, token => body(_http, token), cancellationToken);
    }

    private WsManRequestHeader Header(string resourceUri, string action, IReadOnlyList<KeyValuePair<string, string>>? selectors) =>
        new(_connection.Endpoint, resourceUri, action, WsManRequestWriter.NewMessageId(), _options.MaxEnvelopeSize,
            _connection.OperationTimeout, _options.Locale)
        {
            Selectors = selectors,
        };
}
