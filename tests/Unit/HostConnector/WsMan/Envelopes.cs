using System.Text;
using CheckpointDashboard.HostConnector.WsMan;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>Small response envelopes for the fake server, in the shapes of docs/WSMAN.md.</summary>
internal static class Envelopes
{
    private const string VmUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem";

    /// <summary>An optimized EnumerateResponse with one Msvm_ComputerSystem per name.</summary>
    public static string EnumerateResponse(string? relatesTo, string? context, bool end, params string[] vmNames) =>
        Envelope(relatesTo, WsManNames.ActionEnumerateResponse, Page("EnumerateResponse", "w", context, end, vmNames));

    /// <summary>A PullResponse with one Msvm_ComputerSystem per name.</summary>
    public static string PullResponse(string? relatesTo, string? context, bool end, params string[] vmNames) =>
        Envelope(relatesTo, WsManNames.ActionPullResponse, Page("PullResponse", "n", context, end, vmNames));

    /// <summary>A ReleaseResponse: an empty body.</summary>
    public static string ReleaseResponse(string? relatesTo) => Envelope(relatesTo, WsManNames.ActionReleaseResponse, string.Empty);

    public static string Envelope(string? relatesTo, string action, string body) =>
        $"""
        <s:Envelope xmlns:s="{WsManNames.Soap}" xmlns:a="{WsManNames.Addressing}" xmlns:n="{WsManNames.Enumeration}" xmlns:w="{WsManNames.WsMan}">
          <s:Header>
            <a:Action>{action}</a:Action>
            <a:MessageID>uuid:{Guid.NewGuid()}</a:MessageID>
            {(relatesTo is null ? string.Empty : $"<a:RelatesTo>{relatesTo}</a:RelatesTo>")}
          </s:Header>
          <s:Body>{body}</s:Body>
        </s:Envelope>
        """;

    public static string Vm(string name) =>
        $"""<p:Msvm_ComputerSystem xmlns:p="{VmUri}"><p:Caption>Virtual Machine</p:Caption><p:ElementName>{name}</p:ElementName><p:EnabledState>2</p:EnabledState></p:Msvm_ComputerSystem>""";

    private static string Page(string element, string itemsPrefix, string? context, bool end, string[] vmNames)
    {
        var builder = new StringBuilder();
        builder.Append("<n:").Append(element).Append('>');
        if (context is not null)
        {
            builder.Append("<n:EnumerationContext>").Append(context).Append("</n:EnumerationContext>");
        }

        builder.Append('<').Append(itemsPrefix).Append(":Items>");
        foreach (var name in vmNames)
        {
            builder.Append(Vm(name));
        }

        builder.Append("</").Append(itemsPrefix).Append(":Items>");
        if (end)
        {
            builder.Append('<').Append(itemsPrefix).Append(":EndOfSequence/>");
        }

        return builder.Append("</n:").Append(element).Append('>').ToString();
    }
}
