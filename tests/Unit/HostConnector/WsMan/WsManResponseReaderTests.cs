using System.Text;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.WsMan;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>
/// Details of the response reader beyond the golden samples: fault variants, value forms, encodings and limits.
/// </summary>
public sealed class WsManResponseReaderTests
{
    private const string VmUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem";
    private static readonly WsManResponseContext s_context = new("HV01", null, CimNamespaces.Virtualization, 512_000 + 65_536);

    [Fact]
    public void ReadGetResponse_ProviderFaultNestingAWmiFault_UsesTheInnermostCodeAndMessage()
    {
        var fault = Fault("w:InternalError", "The WS-Management service cannot process the request.", $"""
            <f:WSManFault xmlns:f="{WsManNames.WsManFault}" Code="2150859046" Machine="HV01">
              <f:Message><f:ProviderFault provider="WMI Provider" path="%systemroot%\system32\WsmWmiPl.dll">
                <f:WSManFault Code="2147749890" Machine="HV01"><f:Message>Not found </f:Message></f:WSManFault>
              </f:ProviderFault></f:Message>
            </f:WSManFault>
            """);

        var error = ReadFails(fault);

        Assert.Equal(CimErrorKind.NotFound, error.Kind);
        Assert.Equal(0x80041002u, error.WmiErrorCode);
        Assert.Equal("Not found", error.HostMessage);
        Assert.Contains("w:InternalError, 0x80041002", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("w:TimedOut", null, CimErrorKind.Timeout)]
    [InlineData("w:AccessDenied", "2147749889", CimErrorKind.AccessDenied)]
    [InlineData("w:InternalError", "-2147217406", CimErrorKind.NotFound)]
    [InlineData("w:InternalError", "2147749900", CimErrorKind.NotSupported)]
    [InlineData("w:InternalError", "2147749896", CimErrorKind.InvalidParameter)]
    [InlineData("w:InternalError", "2147749902", CimErrorKind.NotFound)]
    [InlineData("w:SchemaValidationError", null, CimErrorKind.InvalidParameter)]
    [InlineData("w:ActionNotSupported", null, CimErrorKind.NotSupported)]
    [InlineData("a:DestinationUnreachable", null, CimErrorKind.NotFound)]
    [InlineData("w:EncodingLimit", null, CimErrorKind.ProviderError)]
    [InlineData("w:SomethingNew", null, CimErrorKind.ProviderError)]
    public void ReadGetResponse_FaultSubcodeAndWmiCode_MapToTheirKind(string subcode, string? wmiCode, CimErrorKind kind)
    {
        var detail = wmiCode is null
            ? string.Empty
            : $"""<p:MSFT_WmiError xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/MSFT_WmiError"><p:Message>WMI says no</p:Message><p:error_Code>{wmiCode}</p:error_Code></p:MSFT_WmiError>""";

        var error = ReadFails(Fault(subcode, "The reason.", detail));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(wmiCode is null ? "The reason." : "WMI says no", error.HostMessage);
    }

    [Fact]
    public void ReadGetResponse_FaultWithoutDetail_UsesTheReason()
    {
        var error = ReadFails(Fault("w:QuotaLimit", "Too many requests.", string.Empty));

        Assert.Equal(CimErrorKind.ProviderError, error.Kind);
        Assert.Null(error.WmiErrorCode);
        Assert.Equal("HV01 returned a WS-Management fault (w:QuotaLimit): Too many requests.", error.Message);
    }

    [Fact]
    public void ReadGetResponse_ValueForms_AreReadAsTheEncodingSays()
    {
        var body = $"""
            <p:Msvm_Test xmlns:p="{VmUri}" xmlns:cim="{WsManNames.CimCommon}" xmlns:xsi="{WsManNames.XmlSchemaInstance}">
              <p:Spaces>   </p:Spaces>
              <p:Empty/>
              <p:Escaped>a &lt;b&gt; &amp; c</p:Escaped>
              <p:Data><![CDATA[<INSTANCE CLASSNAME="X"/>]]></p:Data>
              <p:Commented>before<!-- a comment -->after</p:Commented>
              <p:Dmtf><cim:CIM_DateTime>20240105102030.123000+060</cim:CimDateTime></p:Dmtf>
              <p:DmtfInterval><cim:CIM_DateTime>00000001020304.000000:000</cim:CIM_DateTime></p:DmtfInterval>
              <p:NotADate><cim:Datetime>yesterday</cim:Datetime></p:NotADate>
              <p:Nested>
                <p:Inner>1</p:Inner>
              </p:Nested>
            </p:Msvm_Test>
            """.Replace("</cim:CimDateTime>", "</cim:CIM_DateTime>", StringComparison.Ordinal);

        var instance = WsManResponseReader.ReadGetResponse(Envelope(body), s_context);

        Assert.Equal("   ", instance["Spaces"]);
        Assert.Equal(string.Empty, instance["Empty"]);
        Assert.Equal("a <b> & c", instance["Escaped"]);
        Assert.Equal("<INSTANCE CLASSNAME=\"X\"/>", instance["Data"]);
        Assert.Equal("beforeafter", instance["Commented"]);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 9, 20, 30, 123, TimeSpan.Zero), instance["Dmtf"]);
        Assert.Equal(new TimeSpan(1, 2, 3, 4), instance["DmtfInterval"]);
        Assert.Equal("yesterday", instance["NotADate"]);
        Assert.Throws<CimMappingException>(() => instance.GetDateTime("NotADate"));
        var nested = instance.GetInstance("Nested");
        Assert.NotNull(nested);
        Assert.Equal("Nested", nested.ClassName);
        Assert.Equal("1", nested["Inner"]);
    }

    [Fact]
    public void ReadGetResponse_Utf16WithByteOrderMark_IsRead()
    {
        var xml = Encoding.UTF8.GetString(Envelope($"""<p:Msvm_Test xmlns:p="{VmUri}"><p:Name>Zoë</p:Name></p:Msvm_Test>"""));
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray();

        var instance = WsManResponseReader.ReadGetResponse(bytes, s_context);

        Assert.Equal("Zoë", instance["Name"]);
    }

    [Fact]
    public void ReadGetResponse_EmbeddedInstancesNestedTooDeep_AreRefused()
    {
        var body = new StringBuilder($"""<p:Msvm_Test xmlns:p="{VmUri}">""");
        for (var i = 0; i < 10; i++)
        {
            body.Append("<p:Child>");
        }

        body.Append("<p:Leaf>x</p:Leaf>");
        for (var i = 0; i < 10; i++)
        {
            body.Append("</p:Child>");
        }

        body.Append("</p:Msvm_Test>");

        var error = Assert.Throws<CimException>(() => WsManResponseReader.ReadGetResponse(Envelope(body.ToString()), s_context));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("embedded instances are nested deeper than 8 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGetResponse_ReferenceWithoutResourceUri_IsMalformed()
    {
        var body = $"""
            <p:Msvm_Test xmlns:p="{VmUri}" xmlns:a="{WsManNames.Addressing}">
              <p:Job><a:Address>{WsManNames.AnonymousAddress}</a:Address></p:Job>
            </p:Msvm_Test>
            """;

        var error = Assert.Throws<CimException>(() => WsManResponseReader.ReadGetResponse(Envelope(body), s_context));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("Job: an endpoint reference has no ResourceURI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGetResponse_OverTheCap_FailsBeforeParsing()
    {
        var bytes = Envelope($"""<p:Msvm_Test xmlns:p="{VmUri}"><p:Big>{new string('x', 20_000)}</p:Big></p:Msvm_Test>""");

        var error = Assert.Throws<CimException>(() => WsManResponseReader.ReadGetResponse(bytes, s_context with { MaxResponseBytes = 10_000 }));

        Assert.Equal(CimErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("the response exceeds the size limit of 10000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEnumerateResponse_InstanceOutsideTheWmiMapping_GetsTheDefaultNamespace()
    {
        var body = """
            <n:EnumerateResponse><w:Items><c:CIM_Thing xmlns:c="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_Thing"><c:Name>x</c:Name></c:CIM_Thing></w:Items><w:EndOfSequence/></n:EnumerateResponse>
            """;

        var page = WsManResponseReader.ReadEnumerateResponse(Envelope(body), s_context with { DefaultNamespace = CimNamespaces.Cimv2 });

        var item = Assert.Single(page.Items);
        Assert.Equal("CIM_Thing", item.ClassName);
        Assert.Equal(CimNamespaces.Cimv2, item.Namespace);
    }

    [Fact]
    public void ReadEnumerateResponse_MatchingRelatesTo_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetBytes(Envelopes.EnumerateResponse("uuid:ABC", null, true, "A"));

        var page = WsManResponseReader.ReadEnumerateResponse(bytes, s_context with { RequestMessageId = "uuid:abc" });

        Assert.Single(page.Items);
    }

    private static CimException ReadFails(byte[] response) =>
        Assert.Throws<CimException>(() => WsManResponseReader.ReadGetResponse(response, s_context));

    private static byte[] Fault(string subcode, string reason, string detail) => Envelope($"""
        <s:Fault>
          <s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>{subcode}</s:Value></s:Subcode></s:Code>
          <s:Reason><s:Text xml:lang="en-US">{reason}</s:Text></s:Reason>
          <s:Detail>{detail}</s:Detail>
        </s:Fault>
        """);

    private static byte[] Envelope(string body) => Encoding.UTF8.GetBytes(Envelopes.Envelope(null, "urn:test", body));
}
