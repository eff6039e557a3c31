using System.Globalization;
using System.Xml;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.WsMan;
using static CheckpointDashboard.HostSimulator.WsMan.WsManValueReader;
using static CheckpointDashboard.HostSimulator.WsMan.WsManXml;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// Reads a SOAP 1.2 WS-Management request with a forward-only <see cref="XmlReader"/>. Requests are untrusted input:
/// DTDs are prohibited (so no entity expansion and no external resolution), the document has a size cap, nested
/// values a depth cap, and anything unreadable becomes a <see cref="WsManFaultException"/> instead of being processed.
/// </summary>
internal static class WsManRequestReader
{
    /// <summary>Headers the server acts on or may safely ignore; any other header marked mustUnderstand is refused.</summary>
    private static readonly HashSet<string> s_understoodHeaders = new(StringComparer.Ordinal)
    {
        "To", "Action", "MessageID", "ReplyTo", "FaultTo", "From", "ResourceURI", "SelectorSet", "MaxEnvelopeSize",
        "OperationTimeout", "Locale", "DataLocale", "OptionSet", "SessionId", "OperationID", "SequenceId",
        "RequestTotalItemsCountEstimate",
    };

    /// <exception cref="WsManFaultException">The request is not well-formed, carries a DTD, or is not a usable SOAP 1.2 envelope.</exception>
    /// <exception cref="CimException">An embedded-instance parameter is not valid CIM-XML (kind <see cref="CimErrorKind.InvalidParameter"/>).</exception>
    public static WsManRequest Read(Stream body, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(body);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };

        try
        {
            using var reader = XmlReader.Create(body, settings);
            return ReadEnvelope(reader);
        }
        catch (XmlException ex)
        {
            throw new WsManFaultException(WsManFaults.Malformed($"The request is not well-formed XML: {ex.Message}"));
        }
    }

    private static WsManRequest ReadEnvelope(XmlReader reader)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Envelope" || reader.NamespaceURI != WsManNames.Soap)
        {
            throw Malformed($"The root element must be a SOAP 1.2 Envelope ({WsManNames.Soap}), not '{reader.NamespaceURI}:{reader.LocalName}'.");
        }

        var request = new WsManRequest();
        var sawBody = false;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (NextChild(reader))
            {
                if (reader.NamespaceURI == WsManNames.Soap && reader.LocalName == "Header")
                {
                    request = ReadHeader(reader, request);
                }
                else if (reader.NamespaceURI == WsManNames.Soap && reader.LocalName == "Body")
                {
                    request = request with { Body = ReadBody(reader, request.ResourceUri) };
                    sawBody = true;
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return sawBody ? request : throw Malformed("The envelope has no s:Body.");
    }

    private static WsManRequest ReadHeader(XmlReader reader, WsManRequest request)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return request;
        }

        reader.Read();
        while (NextChild(reader))
        {
            var ns = reader.NamespaceURI;
            var name = reader.LocalName;
            var mustUnderstand = reader.GetAttribute("mustUnderstand", WsManNames.Soap) is "true" or "1";
            if (ns == WsManNames.Addressing && name == "Action")
            {
                request = request with { Action = ReadText(reader).Trim() };
            }
            else if (ns == WsManNames.Addressing && name == "MessageID")
            {
                request = request with { MessageId = ReadText(reader).Trim() };
            }
            else if (IsWsMan(ns) && name == "ResourceURI")
            {
                request = request with { ResourceUri = ReadText(reader).Trim() };
            }
            else if (IsWsMan(ns) && name == "SelectorSet")
            {
                request = request with { Selectors = ReadSelectors(reader) };
            }
            else if (IsWsMan(ns) && name == "MaxEnvelopeSize")
            {
                request = request with { MaxEnvelopeSize = ReadInt(reader, "w:MaxEnvelopeSize") };
            }
            else if (mustUnderstand && !(IsKnownNamespace(ns) && s_understoodHeaders.Contains(name)))
            {
                throw new WsManFaultException(WsManFaults.MustUnderstand($"{{{ns}}}{name}"));
            }
            else
            {
                reader.Skip();
            }
        }

        reader.Read();
        return request;
    }

    private static WsManBody ReadBody(XmlReader reader, string? resourceUri)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return WsManBody.Empty;
        }

        reader.Read();
        WsManBody body = WsManBody.Empty;
        var first = true;
        while (NextChild(reader))
        {
            if (!first)
            {
                reader.Skip();
                continue;
            }

            first = false;
            var ns = reader.NamespaceURI;
            var name = reader.LocalName;
            body = (ns, name) switch
            {
                (WsManNames.Enumeration, "Enumerate") => ReadEnumerate(reader),
                (WsManNames.Enumeration, "Pull") => ReadPull(reader),
                (WsManNames.Enumeration, "Release") => new ReleaseBody(ReadContext(reader)),
                _ when name.EndsWith("_INPUT", StringComparison.Ordinal) => ReadInvoke(reader, resourceUri),
                _ => SkipAs(reader, new OtherBody(ns, name)),
            };
        }

        reader.Read();
        return body;
    }

    private static EnumerateBody ReadEnumerate(XmlReader reader)
    {
        var optimize = false;
        int? maxElements = null;
        EnumerationFilter? filter = null;
        var mode = EnumerationMode.Objects;
        ForEachChild(reader, () =>
        {
            var ns = reader.NamespaceURI;
            switch (reader.LocalName)
            {
                case "OptimizeEnumeration" when IsWsMan(ns):
                    optimize = true;
                    reader.Skip();
                    break;
                case "MaxElements" when IsWsMan(ns):
                    maxElements = ReadInt(reader, "w:MaxElements");
                    break;
                case "Filter" when IsWsMan(ns) || ns == WsManNames.Enumeration:
                    filter = ReadFilter(reader);
                    break;
                case "EnumerationMode" when IsWsMan(ns):
                    mode = ReadText(reader).Trim() switch
                    {
                        "EnumerateEPR" => EnumerationMode.EndpointReferences,
                        "EnumerateObjectAndEPR" => EnumerationMode.ObjectsAndEndpointReferences,
                        var other => throw Malformed($"Unknown w:EnumerationMode '{other}'."),
                    };
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });
        return new EnumerateBody(optimize, maxElements, filter, mode);
    }

    private static EnumerationFilter ReadFilter(XmlReader reader)
    {
        // WinRM takes WQL when no dialect is named; DSP0226's default (XPath) is not something WMI evaluates.
        var dialect = reader.GetAttribute("Dialect") is { Length: > 0 } named ? named.Trim() : WsManNames.WqlDialect;
        if (!string.Equals(dialect, WsManNames.AssociationDialect, StringComparison.OrdinalIgnoreCase))
        {
            return new EnumerationFilter(dialect, ReadText(reader), null);
        }

        AssociationFilter? association = null;
        ForEachChild(reader, () =>
        {
            if (reader.NamespaceURI == WsManNames.CimBinding && reader.LocalName == "AssociatedInstances")
            {
                association = ReadAssociatedInstances(reader);
            }
            else if (reader.NamespaceURI == WsManNames.CimBinding && reader.LocalName == "AssociationInstances")
            {
                throw new CimException(CimErrorKind.NotSupported,
                    "The host simulator has no association instances; ask for b:AssociatedInstances instead.")
                {
                    WmiErrorCode = 0x8004100C,
                };
            }
            else
            {
                reader.Skip();
            }
        });
        return association is null
            ? throw new WsManFaultException(WsManFaults.CannotProcessFilter("The association filter has no b:AssociatedInstances element."))
            : new EnumerationFilter(dialect, string.Empty, association);
    }

    private static AssociationFilter ReadAssociatedInstances(XmlReader reader)
    {
        CimReference? source = null;
        string? associationClass = null;
        string? resultClass = null;
        ForEachChild(reader, () =>
        {
            switch (reader.LocalName)
            {
                case "Object" when reader.NamespaceURI == WsManNames.CimBinding:
                    source = ReadValue(reader, 1, string.Empty) as CimReference
                        ?? throw new WsManFaultException(WsManFaults.CannotProcessFilter("b:Object is not an endpoint reference."));
                    break;
                case "AssociationClassName" when reader.NamespaceURI == WsManNames.CimBinding:
                    associationClass = ReadText(reader).Trim();
                    break;
                case "ResultClassName" when reader.NamespaceURI == WsManNames.CimBinding:
                    resultClass = ReadText(reader).Trim();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });
        return source is null
            ? throw new WsManFaultException(WsManFaults.CannotProcessFilter("b:AssociatedInstances has no b:Object."))
            : new AssociationFilter(source, associationClass, resultClass);
    }

    private static PullBody ReadPull(XmlReader reader)
    {
        string? context = null;
        int? maxElements = null;
        ForEachChild(reader, () =>
        {
            if (reader.NamespaceURI == WsManNames.Enumeration && reader.LocalName == "EnumerationContext")
            {
                context = ReadText(reader).Trim();
            }
            else if (reader.NamespaceURI == WsManNames.Enumeration && reader.LocalName == "MaxElements")
            {
                maxElements = ReadInt(reader, "n:MaxElements");
            }
            else
            {
                reader.Skip();
            }
        });
        return new PullBody(context ?? string.Empty, maxElements);
    }

    private static string ReadContext(XmlReader reader)
    {
        string? context = null;
        ForEachChild(reader, () =>
        {
            if (reader.NamespaceURI == WsManNames.Enumeration && reader.LocalName == "EnumerationContext")
            {
                context = ReadText(reader).Trim();
            }
            else
            {
                reader.Skip();
            }
        });
        return context ?? string.Empty;
    }

    private static InvokeBody ReadInvoke(XmlReader reader, string? resourceUri)
    {
        var elementName = reader.LocalName;
        var cimNamespace = WsManNames.TryParseResourceUri(resourceUri, out var ns, out _) ? ns : string.Empty;
        var values = new List<KeyValuePair<string, object?>>();
        ForEachChild(reader, () =>
        {
            var name = reader.LocalName;
            values.Add(KeyValuePair.Create(name, ReadValue(reader, 1, cimNamespace)));
        });
        return new InvokeBody(elementName, Fold(values));
    }

    private static int ReadInt(XmlReader reader, string what)
    {
        var text = ReadText(reader).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Malformed($"{what} must be a positive integer, not '{text}'.");
    }

    private static T SkipAs<T>(XmlReader reader, T value)
    {
        reader.Skip();
        return value;
    }

    private static bool IsKnownNamespace(string ns) => ns is WsManNames.Addressing or WsManNames.WsMan or DraftWsMan or WsManNames.MsWsMan;
}
