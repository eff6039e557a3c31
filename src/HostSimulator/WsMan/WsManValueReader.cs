using System.Text;
using System.Xml;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.WsMan;
using CheckpointDashboard.HostSimulator.Cim;
using static CheckpointDashboard.HostSimulator.WsMan.WsManXml;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// Reads the value elements of a request (method parameters, the association filter's object): text, CIM-XML
/// embedded instances (escaped or CDATA), endpoint references, nested instances, nil, and repeated elements as arrays.
/// </summary>
internal static class WsManValueReader
{
    private const int MaxDepth = 16;

    /// <summary>
    /// Reads one value element: <c>xsi:nil</c> → null; an EPR → <see cref="CimReference"/>; child property elements →
    /// a nested <see cref="CimInstance"/>; <c>cim:Datetime</c>/<c>cim:Interval</c> → their text; text (escaped or CDATA)
    /// that is CIM-XML → the embedded <see cref="CimInstance"/>; other text → the string as sent.
    /// </summary>
    public static object? ReadValue(XmlReader reader, int depth, string cimNamespace)
    {
        if (depth > MaxDepth)
        {
            throw Malformed($"Values are nested deeper than {MaxDepth} levels.");
        }

        var elementName = reader.LocalName;
        var nil = reader.GetAttribute("nil", WsManNames.XmlSchemaInstance) is "true" or "1";
        var type = reader.GetAttribute("type", WsManNames.XmlSchemaInstance);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return nil ? null : string.Empty;
        }

        var text = new StringBuilder();
        EndpointReference? epr = null;
        List<KeyValuePair<string, object?>>? children = null;
        var start = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == start))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text.Append(reader.Value);
                    Advance(reader);
                    break;
                case XmlNodeType.Element when reader.NamespaceURI == WsManNames.Addressing && reader.LocalName == "Address":
                    epr ??= new EndpointReference();
                    epr.Address = ReadText(reader).Trim();
                    break;
                case XmlNodeType.Element when reader.NamespaceURI == WsManNames.Addressing && reader.LocalName == "ReferenceParameters":
                    epr ??= new EndpointReference();
                    ReadReferenceParameters(reader, epr);
                    break;
                case XmlNodeType.Element when reader.NamespaceURI == WsManNames.CimCommon && reader.LocalName is "Datetime" or "Interval" or "Date" or "Time":
                    text.Append(ReadText(reader));
                    break;
                case XmlNodeType.Element when reader.NamespaceURI is WsManNames.Addressing or WsManNames.CimCommon:
                    // Other addressing parts and cim:Location say where an object lives, not what it holds.
                    reader.Skip();
                    break;
                case XmlNodeType.Element:
                    children ??= [];
                    var name = reader.LocalName;
                    children.Add(KeyValuePair.Create(name, ReadValue(reader, depth + 1, cimNamespace)));
                    break;
                default:
                    Advance(reader);
                    break;
            }
        }

        reader.Read();
        if (epr is not null)
        {
            return epr.ToReference();
        }

        if (children is not null)
        {
            var className = type is { Length: > 0 } ? StripType(type) : elementName;
            return new CimInstance(className, cimNamespace, Fold(children));
        }

        if (nil)
        {
            return null;
        }

        var value = text.ToString();
        return IsCimXml(value) ? ParseEmbedded(value, elementName, cimNamespace) : value;
    }

    /// <summary>CIM-XML text: an INSTANCE element, possibly after an XML declaration (MI's serializer writes one).</summary>
    private static bool IsCimXml(string value)
    {
        var trimmed = value.AsSpan().TrimStart();
        if (trimmed.StartsWith("<?xml", StringComparison.Ordinal))
        {
            var end = trimmed.IndexOf("?>", StringComparison.Ordinal);
            trimmed = end < 0 ? trimmed : trimmed[(end + 2)..].TrimStart();
        }

        return trimmed.StartsWith("<INSTANCE", StringComparison.Ordinal);
    }

    private static CimInstance ParseEmbedded(string text, string parameter, string cimNamespace)
    {
        try
        {
            return CimXml.Parse(text, cimNamespace);
        }
        catch (CimException ex)
        {
            throw new CimException(CimErrorKind.InvalidParameter, $"Parameter '{parameter}' is not a valid embedded instance: {ex.Message}", ex)
            {
                WmiErrorCode = SimulatedCimServer.InvalidParameterCode,
            };
        }
    }

    private static void ReadReferenceParameters(XmlReader reader, EndpointReference epr)
    {
        ForEachChild(reader, () =>
        {
            if (IsWsMan(reader.NamespaceURI) && reader.LocalName == "ResourceURI")
            {
                epr.ResourceUri = ReadText(reader).Trim();
            }
            else if (IsWsMan(reader.NamespaceURI) && reader.LocalName == "SelectorSet")
            {
                epr.Selectors = ReadSelectors(reader);
            }
            else
            {
                reader.Skip();
            }
        });
    }

    /// <summary>Folds repeated elements into arrays (WS-Management repeats the element once per array item).</summary>
    public static List<KeyValuePair<string, object?>> Fold(List<KeyValuePair<string, object?>> values)
    {
        var order = new List<string>();
        var grouped = new Dictionary<string, List<object?>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            if (!grouped.TryGetValue(name, out var list))
            {
                grouped[name] = list = [];
                order.Add(name);
            }

            list.Add(value);
        }

        return [.. order.Select(name => KeyValuePair.Create<string, object?>(name, grouped[name] is [var single] ? single : grouped[name]))];
    }

    private static string StripType(string type)
    {
        var local = type[(type.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return local.EndsWith("_Type", StringComparison.Ordinal) && local.Length > 5 ? local[..^5] : local;
    }

    /// <summary>The parts of an endpoint reference read so far.</summary>
    private sealed class EndpointReference
    {
        public string? Address { get; set; }

        public string? ResourceUri { get; set; }

        public List<KeyValuePair<string, string>> Selectors { get; set; } = [];

        /// <summary>
        /// The reference: class and namespace from the resource URI, or from a <c>__cimnamespace</c> selector and
        /// a <c>__CLASS</c>-less DMTF URI's last segment.
        /// </summary>
        public CimReference ToReference()
        {
            var cimNamespace = Selectors.FirstOrDefault(s => string.Equals(s.Key, "__cimnamespace", StringComparison.OrdinalIgnoreCase)).Value;
            var keys = Selectors.Where(s => !s.Key.StartsWith("__", StringComparison.Ordinal));
            if (WsManNames.TryParseResourceUri(ResourceUri, out var ns, out var className) && className != "*")
            {
                return new CimReference(className, cimNamespace ?? ns, keys);
            }

            var slash = ResourceUri?.TrimEnd('/').LastIndexOf('/') ?? -1;
            if (cimNamespace is not null && slash >= 0 && ResourceUri![(slash + 1)..] is { Length: > 0 } last && last != "*")
            {
                return new CimReference(last, cimNamespace, keys);
            }

            throw new CimException(CimErrorKind.InvalidParameter, $"The endpoint reference's resource URI '{ResourceUri}' does not name a WMI class.")
            {
                WmiErrorCode = SimulatedCimServer.InvalidParameterCode,
            };
        }
    }
}
