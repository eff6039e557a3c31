using System.Text;
using System.Xml;
using CheckpointDashboard.HostConnector.WsMan;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// Forward-only <see cref="XmlReader"/> steps shared by the request readers. Each step starts on an element and leaves
/// the reader after it, so a reader never loads more than the node it stands on.
/// </summary>
internal static class WsManXml
{
    /// <summary>The WS-Management namespace of the pre-DMTF drafts, still sent by some older DSP0226 clients.</summary>
    public const string DraftWsMan = "http://schemas.xmlsoap.org/ws/2005/06/management";

    public static List<KeyValuePair<string, string>> ReadSelectors(XmlReader reader)
    {
        var selectors = new List<KeyValuePair<string, string>>();
        ForEachChild(reader, () =>
        {
            if (IsWsMan(reader.NamespaceURI) && reader.LocalName == "Selector")
            {
                var name = reader.GetAttribute("Name");
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new WsManFaultException(WsManFaults.InvalidSelectors("A w:Selector has no Name attribute."));
                }

                selectors.Add(KeyValuePair.Create(name.Trim(), ReadText(reader).Trim()));
            }
            else
            {
                reader.Skip();
            }
        });
        return selectors;
    }

    /// <summary>Text content of the current element, skipping any child elements; leaves the reader after it.</summary>
    public static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var builder = new StringBuilder();
        var start = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == start))
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                builder.Append(reader.Value);
                Advance(reader);
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                Advance(reader);
            }
        }

        reader.Read();
        return builder.ToString();
    }

    /// <summary>Calls <paramref name="child"/> on each child element (which must consume it), then leaves the reader after the parent.</summary>
    public static void ForEachChild(XmlReader reader, Action child)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        reader.Read();
        while (NextChild(reader))
        {
            child();
        }

        reader.Read();
    }

    /// <summary>Moves to the next child element (true) or to the parent's end tag (false), skipping text between elements.</summary>
    public static bool NextChild(XmlReader reader)
    {
        while (reader.NodeType is not (XmlNodeType.Element or XmlNodeType.EndElement))
        {
            Advance(reader);
        }

        return reader.NodeType == XmlNodeType.Element;
    }

    public static void Advance(XmlReader reader)
    {
        if (!reader.Read())
        {
            throw Malformed("The request ends before its envelope does.");
        }
    }

    public static bool IsWsMan(string ns) => ns is WsManNames.WsMan or DraftWsMan;

    public static WsManFaultException Malformed(string detail) => new(WsManFaults.Malformed(detail));
}
