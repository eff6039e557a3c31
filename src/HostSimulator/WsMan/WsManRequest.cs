using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>A WS-Management request as read from the wire: the addressing headers and the body the action needs.</summary>
internal sealed record WsManRequest
{
    public string? Action { get; init; }

    public string? MessageId { get; init; }

    public string? ResourceUri { get; init; }

    /// <summary>The <c>w:SelectorSet</c> of the header, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Selectors { get; init; } = [];

    /// <summary>The client's <c>w:MaxEnvelopeSize</c>, when it sent one.</summary>
    public int? MaxEnvelopeSize { get; init; }

    public WsManBody Body { get; init; } = WsManBody.Empty;
}

/// <summary>The body of a request, by kind.</summary>
internal abstract record WsManBody
{
    public static WsManBody Empty { get; } = new EmptyBody();
}

/// <summary>No body element (Get) or an empty <c>s:Body</c>.</summary>
internal sealed record EmptyBody : WsManBody;

/// <summary>A body element the server has no use for.</summary>
internal sealed record OtherBody(string Namespace, string LocalName) : WsManBody;

/// <summary><c>n:Enumerate</c>.</summary>
/// <param name="Optimize"><c>w:OptimizeEnumeration</c> was present: the first items come back in the response.</param>
/// <param name="MaxElements"><c>w:MaxElements</c>, when sent.</param>
/// <param name="Filter">The <c>w:Filter</c> (or <c>n:Filter</c>), when sent.</param>
/// <param name="Mode">What each item is: the object, its EPR, or both.</param>
internal sealed record EnumerateBody(bool Optimize, int? MaxElements, EnumerationFilter? Filter, EnumerationMode Mode) : WsManBody;

/// <summary>An enumeration filter: WQL text, or a DSP0227 association filter.</summary>
internal sealed record EnumerationFilter(string Dialect, string Text, AssociationFilter? Association);

/// <summary><c>b:AssociatedInstances</c>: the instances associated with <paramref name="Source"/>.</summary>
internal sealed record AssociationFilter(CimReference Source, string? AssociationClass, string? ResultClass);

/// <summary><c>n:Pull</c>.</summary>
internal sealed record PullBody(string Context, int? MaxElements) : WsManBody;

/// <summary><c>n:Release</c>.</summary>
internal sealed record ReleaseBody(string Context) : WsManBody;

/// <summary><c>p:&lt;Method&gt;_INPUT</c>: the method's parameters, arrays already folded from repeated elements.</summary>
internal sealed record InvokeBody(string ElementName, IReadOnlyList<KeyValuePair<string, object?>> Parameters) : WsManBody;

/// <summary>DSP0226 enumeration modes (<c>w:EnumerationMode</c>).</summary>
internal enum EnumerationMode
{
    Objects,
    EndpointReferences,
    ObjectsAndEndpointReferences,
}
