using System.Collections;
using System.Globalization;
using System.Text;
using System.Xml;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// Writes the request envelopes of docs/WSMAN.md (Enumerate with a WQL filter, Pull, Release, Get, Invoke) as
/// UTF-8 bytes ready to POST. Public so the golden-sample tests and the simulator's server can check the exact
/// shapes the client produces.
/// </summary>
public static class WsManRequestWriter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly XmlWriterSettings s_settings = new()
    {
        Encoding = s_utf8,
        OmitXmlDeclaration = true,
        Indent = false,
        CheckCharacters = true,
        CloseOutput = false,
    };

    /// <summary>A fresh <c>uuid:…</c> message id.</summary>
    public static string NewMessageId() => "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant();

    /// <summary>Formats a timeout as WinRM writes <c>w:OperationTimeout</c>: <c>PT15.000S</c>.</summary>
    public static string FormatTimeout(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"PT{Math.Max(0, timeout.TotalSeconds):0.000}S");

    /// <summary>
    /// An optimized Enumerate: the first <paramref name="maxElements"/> items come back in the response. With a
    /// <paramref name="wqlFilter"/> the header's resource URI is the namespace's <c>*</c> URI; without one it is the
    /// class URI and every instance is enumerated.
    /// </summary>
    public static byte[] Enumerate(WsManRequestHeader header, string? wqlFilter, int maxElements) =>
        Write(header, writer =>
        {
            writer.WriteStartElement("n", "Enumerate", WsManNames.Enumeration);
            writer.WriteStartElement("w", "OptimizeEnumeration", WsManNames.WsMan);
            writer.WriteEndElement();
            writer.WriteElementString("w", "MaxElements", WsManNames.WsMan, maxElements.ToString(CultureInfo.InvariantCulture));
            if (wqlFilter is not null)
            {
                writer.WriteStartElement("w", "Filter", WsManNames.WsMan);
                writer.WriteAttributeString("Dialect", WsManNames.WqlDialect);
                writer.WriteString(wqlFilter);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        });

    /// <summary>The next page of an enumeration.</summary>
    public static byte[] Pull(WsManRequestHeader header, string enumerationContext, int maxElements) =>
        Write(header, writer =>
        {
            writer.WriteStartElement("n", "Pull", WsManNames.Enumeration);
            writer.WriteElementString("n", "EnumerationContext", WsManNames.Enumeration, enumerationContext);
            writer.WriteElementString("n", "MaxElements", WsManNames.Enumeration, maxElements.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        });

    /// <summary>Ends an enumeration before its end, so the host can free the context at once.</summary>
    public static byte[] Release(WsManRequestHeader header, string enumerationContext) =>
        Write(header, writer =>
        {
            writer.WriteStartElement("n", "Release", WsManNames.Enumeration);
            writer.WriteElementString("n", "EnumerationContext", WsManNames.Enumeration, enumerationContext);
            writer.WriteEndElement();
        });

    /// <summary>A transfer Get of the instance the header's selectors name; the body is empty.</summary>
    public static byte[] Get(WsManRequestHeader header) => Write(header, static _ => { });

    /// <summary>
    /// Invokes <paramref name="methodName"/>: a <c>p:&lt;Method&gt;_INPUT</c> element in the class's resource URI
    /// namespace with one element per parameter. Scalars are text (invariant culture, lower-case booleans,
    /// date-times as <c>xs:dateTime</c>), <see cref="CimReference"/> values an EPR, <see cref="CimInstance"/> values
    /// escaped CIM-XML text (<see cref="CimXml.Write"/>), arrays repeat the element, and null parameters are omitted.
    /// </summary>
    /// <exception cref="CimException"><see cref="CimErrorKind.InvalidParameter"/> when a value holds a character XML cannot carry.</exception>
    public static byte[] Invoke(WsManRequestHeader header, string methodName, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        ArgumentNullException.ThrowIfNull(parameters);
        var resourceUri = header.ResourceUri;
        string? current = null;
        try
        {
            return Write(header, writer =>
            {
                writer.WriteStartElement("p", methodName + "_INPUT", resourceUri);
                foreach (var (name, value) in parameters)
                {
                    current = name;
                    WriteParameter(writer, resourceUri, name, value);
                }

                writer.WriteEndElement();
            });
        }
        catch (ArgumentException ex) when (current is not null)
        {
            throw new CimException(CimErrorKind.InvalidParameter,
                $"Parameter '{current}' of {methodName} holds a value WS-Management cannot carry: {ex.Message}", ex);
        }
    }

    private static void WriteParameter(XmlWriter writer, string resourceUri, string name, object? value)
    {
        switch (value)
        {
            case null:
                // A null in-parameter is left out: WMI treats a missing parameter as null.
                return;
            case string or CimInstance or CimReference:
                WriteValue(writer, resourceUri, name, value);
                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    WriteValue(writer, resourceUri, name, item);
                }

                return;
            default:
                WriteValue(writer, resourceUri, name, value);
                return;
        }
    }

    private static void WriteValue(XmlWriter writer, string resourceUri, string name, object? value)
    {
        writer.WriteStartElement("p", name, resourceUri);
        switch (value)
        {
            case null:
                // Only array items get here: keep their position with an explicit nil.
                writer.WriteAttributeString("xsi", "nil", WsManNames.XmlSchemaInstance, "true");
                break;
            case CimReference reference:
                WriteEndpointReference(writer, reference);
                break;
            case CimInstance instance:
                writer.WriteString(CimXml.Write(instance));
                break;
            case DateTimeOffset date:
                writer.WriteString(CimDateTime.FormatIso(date));
                break;
            case DateTime date:
                writer.WriteString(CimDateTime.FormatIso(new DateTimeOffset(
                    DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : date.Kind))));
                break;
            default:
                writer.WriteString(CimInstance.FormatScalar(value));
                break;
        }

        writer.WriteEndElement();
    }

    private static void WriteEndpointReference(XmlWriter writer, CimReference reference)
    {
        // The EPR element declares a: and w: itself, as libvirt and MS-WSMV §4.1.4 show it, so it stands alone
        // if a server copies it out of the envelope.
        writer.WriteAttributeString("xmlns", "a", null, WsManNames.Addressing);
        writer.WriteAttributeString("xmlns", "w", null, WsManNames.WsMan);
        writer.WriteElementString("a", "Address", WsManNames.Addressing, WsManNames.AnonymousAddress);
        writer.WriteStartElement("a", "ReferenceParameters", WsManNames.Addressing);
        writer.WriteElementString("w", "ResourceURI", WsManNames.WsMan, WsManNames.ResourceUri(reference.Namespace, reference.ClassName));
        WriteSelectorSet(writer, reference.Selectors);
        writer.WriteEndElement();
    }

    private static void WriteSelectorSet(XmlWriter writer, IEnumerable<KeyValuePair<string, string>> selectors)
    {
        writer.WriteStartElement("w", "SelectorSet", WsManNames.WsMan);
        foreach (var (name, value) in selectors)
        {
            writer.WriteStartElement("w", "Selector", WsManNames.WsMan);
            writer.WriteAttributeString("Name", name);
            writer.WriteString(value);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static byte[] Write(WsManRequestHeader header, Action<XmlWriter> body)
    {
        ArgumentNullException.ThrowIfNull(header);
        using var stream = new MemoryStream(2048);
        using (var writer = XmlWriter.Create(stream, s_settings))
        {
            writer.WriteStartElement("s", "Envelope", WsManNames.Soap);
            writer.WriteAttributeString("xmlns", "s", null, WsManNames.Soap);
            writer.WriteAttributeString("xmlns", "a", null, WsManNames.Addressing);
            writer.WriteAttributeString("xmlns", "w", null, WsManNames.WsMan);
            writer.WriteAttributeString("xmlns", "n", null, WsManNames.Enumeration);
            WriteHeader(writer, header);
            writer.WriteStartElement("s", "Body", WsManNames.Soap);
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return stream.ToArray();
    }

    private static void WriteHeader(XmlWriter writer, WsManRequestHeader header)
    {
        writer.WriteStartElement("s", "Header", WsManNames.Soap);
        writer.WriteElementString("a", "To", WsManNames.Addressing, header.To.AbsoluteUri);

        writer.WriteStartElement("w", "ResourceURI", WsManNames.WsMan);
        MustUnderstand(writer, true);
        writer.WriteString(header.ResourceUri);
        writer.WriteEndElement();

        writer.WriteStartElement("a", "ReplyTo", WsManNames.Addressing);
        writer.WriteStartElement("a", "Address", WsManNames.Addressing);
        MustUnderstand(writer, true);
        writer.WriteString(WsManNames.AnonymousAddress);
        writer.WriteEndElement();
        writer.WriteEndElement();

        writer.WriteStartElement("a", "Action", WsManNames.Addressing);
        MustUnderstand(writer, true);
        writer.WriteString(header.Action);
        writer.WriteEndElement();

        writer.WriteStartElement("w", "MaxEnvelopeSize", WsManNames.WsMan);
        MustUnderstand(writer, true);
        writer.WriteString(header.MaxEnvelopeSize.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndElement();

        writer.WriteElementString("a", "MessageID", WsManNames.Addressing, header.MessageId);

        writer.WriteStartElement("w", "Locale", WsManNames.WsMan);
        writer.WriteAttributeString("xml", "lang", null, header.Locale);
        MustUnderstand(writer, false);
        writer.WriteEndElement();

        writer.WriteElementString("w", "OperationTimeout", WsManNames.WsMan, FormatTimeout(header.OperationTimeout));

        if (header.Selectors is { Count: > 0 } selectors)
        {
            WriteSelectorSet(writer, selectors);
        }

        writer.WriteEndElement();
    }

    private static void MustUnderstand(XmlWriter writer, bool value) =>
        writer.WriteAttributeString("s", "mustUnderstand", WsManNames.Soap, value ? "true" : "false");
}
