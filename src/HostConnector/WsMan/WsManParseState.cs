using System.Xml;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// Per-response parsing state: the names the readers compare against, atomized in the reader's name table so most
/// comparisons are reference checks, a cache of resource URI → (namespace, class), and property lists reused from
/// one instance to the next (a <see cref="CimInstance"/> copies what it is given).
/// </summary>
internal sealed class WsManParseState
{
    private readonly Dictionary<string, (string Namespace, string ClassName)?> _resourceUris = new(StringComparer.Ordinal);
    private readonly List<List<KeyValuePair<string, object?>>> _lists = [];
    private readonly XmlNameTable _names;
    private char[] _chunk = new char[256];

    public WsManParseState(XmlNameTable names)
    {
        _names = names;
        Soap = names.Add(WsManNames.Soap);
        Addressing = names.Add(WsManNames.Addressing);
        WsMan = names.Add(WsManNames.WsMan);
        Enumeration = names.Add(WsManNames.Enumeration);
        CimCommon = names.Add(WsManNames.CimCommon);
        Xsi = names.Add(WsManNames.XmlSchemaInstance);
        WsManFault = names.Add(WsManNames.WsManFault);
        CimBinding = names.Add(WsManNames.CimBinding);

        Envelope = names.Add("Envelope");
        Header = names.Add("Header");
        Body = names.Add("Body");
        Fault = names.Add("Fault");
        RelatesTo = names.Add("RelatesTo");
        EnumerateResponse = names.Add("EnumerateResponse");
        PullResponse = names.Add("PullResponse");
        EnumerationContext = names.Add("EnumerationContext");
        Items = names.Add("Items");
        EndOfSequence = names.Add("EndOfSequence");
        Location = names.Add("Location");
        Datetime = names.Add("Datetime");
        Interval = names.Add("Interval");
        Date = names.Add("Date");
        Time = names.Add("Time");
        CimDateTimeName = names.Add("CIM_DateTime");
        ReferenceParameters = names.Add("ReferenceParameters");
        EndpointReference = names.Add("EndpointReference");
        ResourceUri = names.Add("ResourceURI");
        SelectorSet = names.Add("SelectorSet");
        Selector = names.Add("Selector");
        Nil = names.Add("nil");
        Type = names.Add("type");
    }

    public string Soap { get; }

    public string Addressing { get; }

    public string WsMan { get; }

    public string Enumeration { get; }

    public string CimCommon { get; }

    public string Xsi { get; }

    public string WsManFault { get; }

    public string CimBinding { get; }

    public string Envelope { get; }

    public string Header { get; }

    public string Body { get; }

    public string Fault { get; }

    public string RelatesTo { get; }

    public string EnumerateResponse { get; }

    public string PullResponse { get; }

    public string EnumerationContext { get; }

    public string Items { get; }

    public string EndOfSequence { get; }

    public string Location { get; }

    public string Datetime { get; }

    public string Interval { get; }

    public string Date { get; }

    public string Time { get; }

    public string CimDateTimeName { get; }

    public string ReferenceParameters { get; }

    public string EndpointReference { get; }

    public string ResourceUri { get; }

    public string SelectorSet { get; }

    public string Selector { get; }

    public string Nil { get; }

    public string Type { get; }

    /// <summary>Namespace and class of a WMI resource URI, cached: every item of a page carries the same one.</summary>
    public bool TryParseResourceUri(string resourceUri, out string cimNamespace, out string className)
    {
        if (!_resourceUris.TryGetValue(resourceUri, out var parsed))
        {
            parsed = WsManNames.TryParseResourceUri(resourceUri, out var ns, out var cls)
                ? (CimNamespaces.Normalize(ns), cls)
                : null;
            _resourceUris[resourceUri] = parsed;
        }

        cimNamespace = parsed?.Namespace ?? string.Empty;
        className = parsed?.ClassName ?? string.Empty;
        return parsed is not null;
    }

    /// <summary>
    /// Reads the text of the element the reader is on (consuming it) as a string atomized in the reader's name table:
    /// values every item repeats (the ResourceURI in each <c>cim:Location</c>) then cost no allocation after the first.
    /// Only for values known to repeat; unique values would just fill the table.
    /// </summary>
    public string ReadAtomizedText(XmlReader reader)
    {
        if (reader.IsEmptyElement || !reader.CanReadValueChunk)
        {
            return WsManInstanceReader.ReadText(reader);
        }

        reader.Read();
        if (reader.NodeType != XmlNodeType.Text)
        {
            return reader.NodeType == XmlNodeType.EndElement ? ConsumeEnd(reader, string.Empty) : RestOfText(reader, string.Empty);
        }

        var length = 0;
        int read;
        while ((read = reader.ReadValueChunk(_chunk, length, _chunk.Length - length)) > 0)
        {
            length += read;
            if (length == _chunk.Length)
            {
                Array.Resize(ref _chunk, _chunk.Length * 2);
            }
        }

        WsManInstanceReader.Advance(reader);
        return reader.NodeType == XmlNodeType.EndElement
            ? ConsumeEnd(reader, _names.Add(_chunk, 0, length))
            : RestOfText(reader, new string(_chunk, 0, length));
    }

    /// <summary>An empty property list for an instance at <paramref name="depth"/>, reused across instances.</summary>
    public List<KeyValuePair<string, object?>> PropertyList(int depth)
    {
        while (_lists.Count <= depth)
        {
            _lists.Add(new List<KeyValuePair<string, object?>>(32));
        }

        var list = _lists[depth];
        list.Clear();
        return list;
    }

    private static string ConsumeEnd(XmlReader reader, string text)
    {
        reader.Read();
        return text;
    }

    /// <summary>The unusual case (a comment split the text, say): the rest is read the plain way.</summary>
    private static string RestOfText(XmlReader reader, string start)
    {
        var builder = new System.Text.StringBuilder(start);
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                builder.Append(reader.Value);
                WsManInstanceReader.Advance(reader);
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
        return builder.ToString();
    }
}
