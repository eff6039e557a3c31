using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// One host's HTTP side of WS-Management: a pooled <see cref="HttpClient"/> whose connections are kept alive and
/// reused, authentication as configured, TLS validation by <see cref="WsManCertificatePolicy"/>, and a response body
/// read into a buffer whose size is capped while the bytes arrive.
/// </summary>
/// <remarks>
/// MS-WSMV message encryption (the SPNEGO-sealed payloads WinRM uses over plain HTTP) is not implemented, so a
/// host with WinRM's default <c>AllowUnencrypted=false</c> must be reached over HTTPS.
/// </remarks>
internal sealed class WsManHttpClient : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly HttpClient _client;
    private readonly WsManCertificatePolicy _certificates;
    private readonly Uri _endpoint;
    private readonly string _hostName;
    private readonly string? _basicParameter;
    private readonly int _maxResponseBytes;

    /// <exception cref="CimException"><see cref="CimErrorKind.Configuration"/> when the connection's settings cannot work.</exception>
    public WsManHttpClient(CimConnection connection, WsManClientOptions options)
    {
        _endpoint = connection.Endpoint;
        _hostName = connection.HostName;
        _maxResponseBytes = options.EffectiveMaxResponseBytes;
        var security = connection.Security ?? new WsManSecurityOptions();
        var isHttps = string.Equals(_endpoint.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        if (!isHttps && !string.Equals(_endpoint.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
        {
            throw Configuration($"the endpoint '{_endpoint}' is not an http or https URL");
        }

        // Everything that can be wrong with the configuration is checked before anything is created or sent.
        string? negotiateScheme = null;
        switch ((security.Authentication ?? string.Empty).Trim().ToUpperInvariant())
        {
            case "BASIC":
                if (connection.Credential is null)
                {
                    throw Configuration("Basic authentication needs a credential");
                }

                if (!isHttps && !security.AllowUnencryptedBasic)
                {
                    throw Configuration("Basic authentication over plain HTTP sends the password in clear text; use https or set AllowUnencryptedBasic for this host");
                }

                _basicParameter = BasicParameter(connection.Credential);
                break;
            case "" or "NEGOTIATE" or "KERBEROS":
                // SocketsHttpHandler answers Negotiate and NTLM challenges only; Negotiate picks Kerberos whenever the
                // host's SPN resolves, which is how "Kerberos" is honoured.
                negotiateScheme = "Negotiate";
                break;
            case "NTLM":
                negotiateScheme = "NTLM";
                break;
            default:
                throw Configuration($"Authentication '{security.Authentication}' is not one of Negotiate, Kerberos, Ntlm or Basic");
        }

        _certificates = new WsManCertificatePolicy(_hostName, _endpoint.IdnHost, security);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PreAuthenticate = false,
            Credentials = negotiateScheme is null ? null : Credentials(connection, negotiateScheme),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => _certificates.Validate(certificate, chain, errors),
            },
        };

        _client = new HttpClient(handler, disposeHandler: true)
        {
            // Every call is bounded by CimOperation's token; HttpClient's own 100 s timeout would only blur that.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// Posts one envelope and returns the status and the body. HTTP 401 becomes
    /// <see cref="CimErrorKind.AuthenticationFailed"/>; network and TLS failures <see cref="CimErrorKind.Unreachable"/>;
    /// a body past the size cap <see cref="CimErrorKind.MalformedResponse"/>.
    /// </summary>
    public async Task<WsManHttpResponse> PostAsync(byte[] envelope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            // Negotiate and NTLM are connection-bound: HTTP/2 cannot carry them, so ask for exactly HTTP/1.1.
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(envelope),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", WsManNames.SoapContentType);
        if (_basicParameter is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basicParameter);
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Transport(ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new CimException(CimErrorKind.AuthenticationFailed, $"{_hostName} rejected the credentials (HTTP 401).")
                {
                    Host = _hostName,
                };
            }

            var (buffer, length) = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return new WsManHttpResponse(response.StatusCode, response.ReasonPhrase, buffer, length);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _certificates.Dispose();
    }

    private async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var max = _maxResponseBytes;
        if (content.Headers.ContentLength is { } declared && declared > max)
        {
            // Refused before a byte of the body is read.
            throw WsManResponseReader.Malformed(_hostName, WsManResponseReader.SizeLimitProblem(max));
        }

        var initial = (int)Math.Min(content.Headers.ContentLength is { } known ? Math.Max(known, 1) : InitialBufferSize, max + 1L);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, max + 1L));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    // Counted as the bytes arrive: one byte past the cap ends the read, whatever the host sends after.
                    length += read;
                    if (length > max)
                    {
                        throw WsManResponseReader.Malformed(_hostName, WsManResponseReader.SizeLimitProblem(max));
                    }
                }
            }

            return (buffer, length);
        }
        catch (Exception ex)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (ex is IOException && cancellationToken.IsCancellationRequested)
            {
                // A read cut off by cancellation surfaces as an IOException from some streams; it is cancellation.
                throw new OperationCanceledException(cancellationToken);
            }

            if (ex is HttpRequestException or IOException)
            {
                throw new CimException(CimErrorKind.Unreachable, $"The connection to {_hostName} broke while reading the response: {ex.Message}", ex)
                {
                    Host = _hostName,
                };
            }

            throw;
        }
    }

    private CimException Transport(HttpRequestException exception)
    {
        if (exception.HttpRequestError == HttpRequestError.SecureConnectionError || exception.InnerException is AuthenticationException)
        {
            var message = _certificates.LastRejection is { } reason
                ? $"The server certificate of {_hostName} was rejected: {reason}."
                : $"The TLS handshake with {_hostName} failed: {exception.Message}";
            return new CimException(CimErrorKind.Unreachable, message, exception) { Host = _hostName };
        }

        var text = exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"{_hostName} could not be reached: the name '{_endpoint.Host}' does not resolve ({exception.Message}).",
            HttpRequestError.ConnectionError => $"{_hostName} could not be reached at {_endpoint.Authority}: {exception.Message}",
            _ => $"The request to {_hostName} failed: {exception.Message}",
        };
        return new CimException(CimErrorKind.Unreachable, text, exception) { Host = _hostName };
    }

    private static ICredentials Credentials(CimConnection connection, string scheme) =>
        connection.Credential is null
            ? CredentialCache.DefaultCredentials
            : new CredentialCache { { connection.Endpoint, scheme, connection.Credential } };

    private static string BasicParameter(NetworkCredential credential)
    {
        var user = string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + credential.Password));
    }

    private CimException Configuration(string problem) =>
        new(CimErrorKind.Configuration, $"Host '{_hostName}': {problem}.") { Host = _hostName };
}
