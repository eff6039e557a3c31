using System.Buffers;
using System.Net;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>An HTTP response whose body sits in a pooled buffer; disposing returns the buffer to the pool.</summary>
internal sealed class WsManHttpResponse : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    public WsManHttpResponse(HttpStatusCode statusCode, string? reasonPhrase, byte[] buffer, int length)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        _buffer = buffer;
        _length = length;
    }

    public HttpStatusCode StatusCode { get; }

    public string? ReasonPhrase { get; }

    public ReadOnlyMemory<byte> Body => _buffer is { } buffer ? buffer.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(WsManHttpResponse));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
