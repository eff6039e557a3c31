using System.Net;
using System.Xml;
using CheckpointDashboard.HostConnector.WsMan;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;

/// <summary>A raw HTTP answer of the server, with XPath over its envelope in the prefixes of docs/WSMAN.md.</summary>
internal sealed class WsManReply
{
    private XmlDocument? _document;

    public WsManReply(HttpStatusCode status, string body, string wwwAuthenticate, string? mediaType)
    {
        Status = status;
        Body = body;
        WwwAuthenticate = wwwAuthenticate;
        MediaType = mediaType;
        Namespaces = new XmlNamespaceManager(new NameTable());
        Namespaces.AddNamespace("s", WsManNames.Soap);
        Namespaces.AddNamespace("a", WsManNames.Addressing);
        Namespaces.AddNamespace("w", WsManNames.WsMan);
        Namespaces.AddNamespace("n", WsManNames.Enumeration);
        Namespaces.AddNamespace("cim", WsManNames.CimCommon);
        Namespaces.AddNamespace("xsi", WsManNames.XmlSchemaInstance);
        Namespaces.AddNamespace("b", WsManNames.CimBinding);
        Namespaces.AddNamespace("f", WsManNames.WsManFault);
        Namespaces.AddNamespace("cs", WsManTestServer.Class("Msvm_ComputerSystem"));
        Namespaces.AddNamespace("vssd", WsManTestServer.Class("Msvm_VirtualSystemSettingData"));
        Namespaces.AddNamespace("sasd", WsManTestServer.Class("Msvm_StorageAllocationSettingData"));
        Namespaces.AddNamespace("job", WsManTestServer.Class("Msvm_ConcreteJob"));
        Namespaces.AddNamespace("snap", WsManTestServer.Class("Msvm_VirtualSystemSnapshotService"));
        Namespaces.AddNamespace("vsms", WsManTestServer.Class("Msvm_VirtualSystemManagementService"));
        Namespaces.AddNamespace("err", "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/MSFT_WmiError");
        Namespaces.AddNamespace("node", "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/MSCluster/MSCluster_Node");
        Namespaces.AddNamespace("res", "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/MSCluster/MSCluster_Resource");
    }

    public HttpStatusCode Status { get; }

    public string Body { get; }

    public string WwwAuthenticate { get; }

    public string? MediaType { get; }

    public XmlNamespaceManager Namespaces { get; }

    /// <summary>The body parsed as XML, with DTDs prohibited as every reader of host answers must.</summary>
    public XmlDocument Xml => _document ??= Parse(Body);

    public XmlNodeList Nodes(string xpath) => Xml.SelectNodes(xpath, Namespaces)!;

    public XmlNode? Node(string xpath) => Xml.SelectSingleNode(xpath, Namespaces);

    public string? Text(string xpath) => Node(xpath)?.InnerText;

    public List<string> Texts(string xpath) => [.. Nodes(xpath).Cast<XmlNode>().Select(n => n.InnerText)];

    /// <summary>Asserts HTTP 200 and a non-fault envelope, showing the body when it is not.</summary>
    public WsManReply AssertOk()
    {
        Assert.True(Status == HttpStatusCode.OK, $"HTTP {(int)Status}: {Body}");
        Assert.Null(Node("/s:Envelope/s:Body/s:Fault"));
        return this;
    }

    /// <summary>Asserts a SOAP fault with <paramref name="subcode"/> and returns the reply for more checks.</summary>
    public WsManReply AssertFault(string subcode, HttpStatusCode status = HttpStatusCode.InternalServerError)
    {
        Assert.True(Status == status, $"HTTP {(int)Status}: {Body}");
        Assert.Equal(WsManNames.ActionFault, Text("/s:Envelope/s:Header/a:Action"));
        Assert.Equal(subcode, Text("/s:Envelope/s:Body/s:Fault/s:Code/s:Subcode/s:Value"));
        Assert.False(string.IsNullOrWhiteSpace(Text("/s:Envelope/s:Body/s:Fault/s:Reason/s:Text")));
        Assert.NotNull(Node("/s:Envelope/s:Body/s:Fault/s:Detail/f:WSManFault[@Code and @Machine]/f:Message"));
        return this;
    }

    public static XmlDocument Parse(string text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        var document = new XmlDocument { XmlResolver = null };
        document.Load(reader);
        return document;
    }
}
