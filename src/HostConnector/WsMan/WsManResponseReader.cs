using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// Reads WS-Management response envelopes (docs/WSMAN.md) with a streaming, hardened <see cref="XmlReader"/>:
/// no DTD, no external resolution, a size cap, and a <see cref="CimException"/> naming the host and the problem for
/// anything that is not the expected shape. Faults in the body become the <see cref="CimException"/> the fault table
/// says. Public so golden samples can be read without HTTP.
/// </summary>
/// <remarks>
/// The reader works on bytes already received (the client reads the HTTP body into a buffer bounded by the cap
/// first): an <see cref="XmlReader"/> pulling synchronously from a socket would block a thread-pool thread per host,
/// and an async reader per node costs parsing throughput. No DOM is ever built.
/// </remarks>
public static class WsManResponseReader
{
    private static readonly byte[] s_doctypeUtf16 = Encoding.Unicode.GetBytes("<!DOCTYPE");
    private static readonly byte[] s_doctypeUtf16BigEndian = Encoding.BigEndianUnicode.GetBytes("<!DOCTYPE");

    /// <summary>Reads an optimized EnumerateResponse (<c>w:Items</c>, <c>w:EndOfSequence</c>).</summary>
    /// <exception cref="CimException">A fault, or a malformed response.</exception>
    public static WsManEnumerationPage ReadEnumerateResponse(ReadOnlyMemory<byte> response, WsManResponseContext context) =>
        Read(response, context, (reader, state) => ReadPage(reader, state, context, state.EnumerateResponse, "n:EnumerateResponse"));

    /// <summary>Reads a PullResponse (<c>n:Items</c>, <c>n:EndOfSequence</c>).</summary>
    /// <exception cref="CimException">A fault, or a malformed response.</exception>
    public static WsManEnumerationPage ReadPullResponse(ReadOnlyMemory<byte> response, WsManResponseContext context) =>
        Read(response, context, (reader, state) => ReadPage(reader, state, context, state.PullResponse, "n:PullResponse"));

    /// <summary>Reads a GetResponse: the body is the instance element.</summary>
    /// <exception cref="CimException">A fault, or a malformed response.</exception>
    public static CimInstance ReadGetResponse(ReadOnlyMemory<byte> response, WsManResponseContext context) =>
        Read(response, context, (reader, state) => reader is null
            ? throw new WsManFormatException("the s:Body is empty; expected the instance")
            : WsManInstanceReader.ReadInstance(reader, state, context.DefaultNamespace));

    /// <summary>
    /// Reads a method's <c>p:&lt;Method&gt;_OUTPUT</c>: <c>ReturnValue</c> plus the out-parameters, mapped like instance
    /// properties (EPR → <see cref="CimReference"/>, <c>xsi:nil</c> → null, text otherwise).
    /// </summary>
    /// <exception cref="CimException">A fault, or a malformed response.</exception>
    public static CimMethodResult ReadInvokeResponse(ReadOnlyMemory<byte> response, WsManResponseContext context, string methodName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        var expected = methodName + "_OUTPUT";
        return Read(response, context, (reader, state) =>
        {
            if (reader is null)
            {
                throw new WsManFormatException($"the s:Body is empty; expected p:{expected}");
            }

            if (!string.Equals(reader.LocalName, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new WsManFormatException($"expected p:{expected} in the s:Body, got {Describe(reader)}");
            }

            var output = WsManInstanceReader.ReadInstance(reader, state, context.DefaultNamespace);
            return ToMethodResult(methodName, output);
        });
    }

    /// <summary>Reads a ReleaseResponse: anything but a fault will do (its body is empty).</summary>
    /// <exception cref="CimException">A fault, or a malformed response.</exception>
    public static void ReadReleaseResponse(ReadOnlyMemory<byte> response, WsManResponseContext context) =>
        Read(response, context, static (reader, _) =>
        {
            reader?.Skip();
            return true;
        });

    /// <summary>
    /// The fault a non-success HTTP response carries, as the exception to throw, or null when its body is not a
    /// SOAP fault.
    /// </summary>
    /// <exception cref="CimException">The body is not a readable envelope at all.</exception>
    public static CimException? TryReadFault(ReadOnlyMemory<byte> response, WsManResponseContext context) =>
        Read<CimException?>(response, context, static (reader, _) =>
        {
            reader?.Skip();
            return null;
        }, static fault => fault);

    /// <summary>A <see cref="CimErrorKind.MalformedResponse"/> naming the host and the problem.</summary>
    internal static CimException Malformed(string hostName, string problem, Exception? innerException = null) =>
        new(CimErrorKind.MalformedResponse, $"{hostName} sent a malformed WS-Management response: {problem}.", innerException)
        {
            Host = hostName,
        };

    /// <summary>The message of a response over the cap, shared with the HTTP layer that counts bytes as they arrive.</summary>
    internal static string SizeLimitProblem(int maxBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"the response exceeds the size limit of {maxBytes} bytes");

    private static T Read<T>(
        ReadOnlyMemory<byte> response,
        WsManResponseContext context,
        Func<XmlReader?, WsManParseState, T> readBody,
        Func<CimException, T>? onFault = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (response.Length == 0)
        {
            throw Malformed(context.HostName, "the response is empty");
        }

        if (response.Length > context.MaxResponseBytes)
        {
            throw Malformed(context.HostName, SizeLimitProblem(context.MaxResponseBytes));
        }

        using var stream = EndTrackingStream.Over(response);
        try
        {
            using var reader = XmlReader.Create(stream, Settings(context.MaxResponseBytes));
            var state = new WsManParseState(reader.NameTable);
            var result = ReadEnvelope(reader, state, context, readBody, onFault);

            // Read to the end: a response cut off after its body is still a broken response.
            while (reader.Read())
            {
            }

            return result;
        }
        catch (XmlException ex)
        {
            throw Malformed(context.HostName, Classify(response.Span, stream.ReachedEnd, ex), ex);
        }
        catch (WsManFormatException ex)
        {
            throw Malformed(context.HostName, ex.Message, ex);
        }
    }

    private static T ReadEnvelope<T>(
        XmlReader reader,
        WsManParseState state,
        WsManResponseContext context,
        Func<XmlReader?, WsManParseState, T> readBody,
        Func<CimException, T>? onFault)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new WsManFormatException("the response has no root element");
        }

        if ((object)reader.LocalName != state.Envelope || (object)reader.NamespaceURI != state.Soap)
        {
            throw new WsManFormatException($"expected a SOAP 1.2 Envelope ({WsManNames.Soap}), got {Describe(reader)}");
        }

        if (reader.IsEmptyElement)
        {
            throw new WsManFormatException("the response has no s:Body");
        }

        reader.Read();
        var sawBody = false;
        T result = default!;
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                WsManInstanceReader.Advance(reader);
                continue;
            }

            if ((object)reader.NamespaceURI == state.Soap && (object)reader.LocalName == state.Header)
            {
                ReadHeader(reader, state, context);
            }
            else if ((object)reader.NamespaceURI == state.Soap && (object)reader.LocalName == state.Body && !sawBody)
            {
                sawBody = true;
                result = ReadBody(reader, state, context, readBody, onFault);
            }
            else
            {
                reader.Skip();
            }
        }

        if (!sawBody)
        {
            throw new WsManFormatException("the response has no s:Body");
        }

        return result;
    }

    private static void ReadHeader(XmlReader reader, WsManParseState state, WsManResponseContext context)
    {
        string? relatesTo = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType == XmlNodeType.Element &&
                    (object)reader.NamespaceURI == state.Addressing && (object)reader.LocalName == state.RelatesTo)
                {
                    relatesTo = WsManInstanceReader.ReadText(reader).Trim();
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    reader.Skip();
                }
                else
                {
                    WsManInstanceReader.Advance(reader);
                }
            }

            reader.Read();
        }

        if (relatesTo is not null && context.RequestMessageId is { } sent &&
            !string.Equals(relatesTo, sent, StringComparison.OrdinalIgnoreCase))
        {
            var shown = relatesTo.Length > 80 ? string.Concat(relatesTo.AsSpan(0, 80), "…") : relatesTo;
            throw new WsManFormatException($"the response relates to message {shown}, not to this request ({sent})");
        }
    }

    private static T ReadBody<T>(
        XmlReader reader,
        WsManParseState state,
        WsManResponseContext context,
        Func<XmlReader?, WsManParseState, T> readBody,
        Func<CimException, T>? onFault)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return readBody(null, state);
        }

        reader.Read();
        while (reader.NodeType is not (XmlNodeType.Element or XmlNodeType.EndElement))
        {
            WsManInstanceReader.Advance(reader);
        }

        T result;
        if (reader.NodeType == XmlNodeType.EndElement)
        {
            result = readBody(null, state);
        }
        else if ((object)reader.NamespaceURI == state.Soap && (object)reader.LocalName == state.Fault)
        {
            var fault = WsManFaultReader.Read(reader, state, context.HostName);
            return onFault is null ? throw fault : onFault(fault);
        }
        else
        {
            result = readBody(reader, state);
        }

        // Anything after the expected element (there should be nothing) is skipped, up to the body's end tag.
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                WsManInstanceReader.Advance(reader);
            }
        }

        reader.Read();
        return result;
    }

    private static WsManEnumerationPage ReadPage(
        XmlReader? reader, WsManParseState state, WsManResponseContext context, string expectedLocalName, string expected)
    {
        if (reader is null)
        {
            throw new WsManFormatException($"the s:Body is empty; expected {expected}");
        }

        if ((object)reader.NamespaceURI != state.Enumeration || (object)reader.LocalName != expectedLocalName)
        {
            throw new WsManFormatException($"expected {expected} in the s:Body, got {Describe(reader)}");
        }

        string? enumerationContext = null;
        var endOfSequence = false;
        var items = new List<CimInstance>();
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return new WsManEnumerationPage(null, items, false);
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                WsManInstanceReader.Advance(reader);
                continue;
            }

            var ns = reader.NamespaceURI;
            var local = reader.LocalName;
            var enumerationOrWsMan = (object)ns == state.Enumeration || (object)ns == state.WsMan;
            if ((object)ns == state.Enumeration && (object)local == state.EnumerationContext)
            {
                enumerationContext = WsManInstanceReader.ReadText(reader).Trim();
            }
            else if (enumerationOrWsMan && (object)local == state.Items)
            {
                ReadItems(reader, state, context, items);
            }
            else if (enumerationOrWsMan && (object)local == state.EndOfSequence)
            {
                endOfSequence = true;
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        reader.Read();
        return new WsManEnumerationPage(string.IsNullOrEmpty(enumerationContext) ? null : enumerationContext, items, endOfSequence);
    }

    private static void ReadItems(XmlReader reader, WsManParseState state, WsManResponseContext context, List<CimInstance> items)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                items.Add(WsManInstanceReader.ReadInstance(reader, state, context.DefaultNamespace));
            }
            else
            {
                WsManInstanceReader.Advance(reader);
            }
        }

        reader.Read();
    }

    private static CimMethodResult ToMethodResult(string methodName, CimInstance output)
    {
        if (!output.HasProperty("ReturnValue"))
        {
            throw new WsManFormatException($"{output.ClassName} has no ReturnValue");
        }

        var text = output["ReturnValue"] as string;
        uint returnValue;
        if (uint.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
        {
            returnValue = unsigned;
        }
        else if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
        {
            returnValue = unchecked((uint)signed);
        }
        else
        {
            var shown = text is null ? "(not text)" : text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;
            throw new WsManFormatException($"the ReturnValue '{shown}' of {methodName} is not a uint32");
        }

        var outputs = new List<KeyValuePair<string, object?>>(output.Properties.Count);
        foreach (var property in output.Properties)
        {
            if (!string.Equals(property.Key, "ReturnValue", StringComparison.OrdinalIgnoreCase))
            {
                outputs.Add(property);
            }
        }

        return new CimMethodResult(methodName, returnValue, outputs);
    }

    private static string Classify(ReadOnlySpan<byte> response, bool reachedEnd, XmlException exception)
    {
        // DtdProcessing.Prohibit stops at the first <!DOCTYPE without reading or expanding anything; the bytes tell
        // that this is why, whatever language the XmlException's message is in.
        if (response.IndexOf("<!DOCTYPE"u8) >= 0 || response.IndexOf("<!ENTITY"u8) >= 0 ||
            response.IndexOf(s_doctypeUtf16) >= 0 || response.IndexOf(s_doctypeUtf16BigEndian) >= 0)
        {
            return "the response contains a DTD, which is refused";
        }

        // A reader that asked for more input and got none failed on the missing rest, not on something it read.
        return reachedEnd
            ? $"the response ended early: {exception.Message}"
            : $"the response is not well-formed XML: {exception.Message}";
    }

    private static string Describe(XmlReader reader) =>
        reader.NamespaceURI.Length == 0 ? reader.LocalName : $"{{{reader.NamespaceURI}}}{reader.LocalName}";

    private static XmlReaderSettings Settings(int maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,

        // 0 would mean "no limit" to XmlReaderSettings; with DTDs prohibited no entity can be declared, and the
        // predefined ones (&lt; …) are not counted, so a small limit costs nothing and stays as a second fence.
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = true,
        CloseInput = false,
    };

    /// <summary>A read-only stream over the received bytes that remembers whether the XML reader asked past the end.</summary>
    private sealed class EndTrackingStream : MemoryStream
    {
        private EndTrackingStream(byte[] buffer, int index, int count)
            : base(buffer, index, count, writable: false)
        {
        }

        public bool ReachedEnd { get; private set; }

        public static EndTrackingStream Over(ReadOnlyMemory<byte> memory) =>
            MemoryMarshal.TryGetArray(memory, out var segment) && segment.Array is not null
                ? new EndTrackingStream(segment.Array, segment.Offset, segment.Count)
                : new EndTrackingStream(memory.ToArray(), 0, memory.Length);

        public override int Read(byte[] buffer, int offset, int count) => Track(base.Read(buffer, offset, count), count);

        public override int Read(Span<byte> buffer) => Track(base.Read(buffer), buffer.Length);

        public override int ReadByte()
        {
            var value = base.ReadByte();
            ReachedEnd |= value < 0;
            return value;
        }

        private int Track(int read, int asked)
        {
            ReachedEnd |= read == 0 && asked > 0;
            return read;
        }
    }
}
