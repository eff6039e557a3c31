namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// XML namespaces, actions and URIs of WS-Management (DMTF DSP0226) and Microsoft's WMI mapping (MS-WSMV),
/// shared by the managed client and the simulator's server so the two cannot drift apart.
/// </summary>
public static class WsManNames
{
    public const string Soap = "http://www.w3.org/2003/05/soap-envelope";
    public const string Addressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public const string WsMan = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public const string Enumeration = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    public const string Transfer = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    public const string MsWsMan = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    public const string CimCommon = "http://schemas.dmtf.org/wbem/wscim/1/common";
    public const string CimBinding = "http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd";
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
    public const string WsManFault = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    /// <summary>Prefix of WMI resource URIs: append the namespace with forward slashes, then the class (or <c>*</c>).</summary>
    public const string WmiResourcePrefix = "http://schemas.microsoft.com/wbem/wsman/1/wmi/";

    public const string AnonymousAddress = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";

    /// <summary>The media type of SOAP 1.2 requests, exactly as WinRM clients send it.</summary>
    public const string SoapContentType = "application/soap+xml;charset=UTF-8";

    /// <summary>The selector that names the CIM namespace when a resource URI does not carry it (DMTF URIs).</summary>
    public const string CimNamespaceSelector = "__cimnamespace";

    public const string WqlDialect = "http://schemas.microsoft.com/wbem/wsman/1/WQL";
    public const string AssociationDialect = "http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter";

    public const string ActionEnumerate = Enumeration + "/Enumerate";
    public const string ActionEnumerateResponse = Enumeration + "/EnumerateResponse";
    public const string ActionPull = Enumeration + "/Pull";
    public const string ActionPullResponse = Enumeration + "/PullResponse";
    public const string ActionRelease = Enumeration + "/Release";
    public const string ActionReleaseResponse = Enumeration + "/ReleaseResponse";
    public const string ActionGet = Transfer + "/Get";
    public const string ActionGetResponse = Transfer + "/GetResponse";
    public const string ActionFault = Addressing + "/fault";

    /// <summary>The resource URI of a class in a WMI namespace, e.g. <c>…/wmi/root/virtualization/v2/Msvm_ComputerSystem</c>.</summary>
    public static string ResourceUri(string cimNamespace, string className)
    {
        ArgumentNullException.ThrowIfNull(cimNamespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        return WmiResourcePrefix + cimNamespace.Replace('\\', '/').Trim('/') + "/" + className;
    }

    /// <summary>The resource URI for WQL enumerations of a namespace (the class is named in the filter).</summary>
    public static string WildcardResourceUri(string cimNamespace) => ResourceUri(cimNamespace, "*");

    /// <summary>
    /// Splits a WMI resource URI into namespace and class (<c>*</c> for a wildcard). False for URIs outside the
    /// WMI mapping (for example the DMTF <c>http://schemas.dmtf.org/wbem/wscim/1/*</c> form, which needs a
    /// <c>__cimnamespace</c> selector instead).
    /// </summary>
    public static bool TryParseResourceUri(string? resourceUri, out string cimNamespace, out string className)
    {
        cimNamespace = string.Empty;
        className = string.Empty;
        if (resourceUri is null || !resourceUri.StartsWith(WmiResourcePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = resourceUri[WmiResourcePrefix.Length..].Trim('/');
        var cut = rest.LastIndexOf('/');
        if (cut <= 0 || cut == rest.Length - 1)
        {
            return false;
        }

        cimNamespace = rest[..cut].Replace('/', '\\');
        className = rest[(cut + 1)..];
        return true;
    }

    /// <summary>The invoke action of a method: the resource URI, a slash, the method name.</summary>
    public static string MethodAction(string resourceUri, string methodName) => resourceUri + "/" + methodName;
}
