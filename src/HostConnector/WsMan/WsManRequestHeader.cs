namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// The header of one WS-Management request (docs/WSMAN.md "Request header"): where it goes, which resource and
/// action it names, its MessageID (the response's RelatesTo must echo it) and the limits the host must respect.
/// </summary>
/// <param name="To">The endpoint (<c>a:To</c>).</param>
/// <param name="ResourceUri">The class or wildcard resource URI (<c>w:ResourceURI</c>).</param>
/// <param name="Action">The action URI (<c>a:Action</c>).</param>
/// <param name="MessageId">The request's <c>a:MessageID</c>, <c>uuid:…</c>.</param>
/// <param name="MaxEnvelopeSize">The largest response envelope the host may send (<c>w:MaxEnvelopeSize</c>).</param>
/// <param name="OperationTimeout">How long the host may work on the request (<c>w:OperationTimeout</c>).</param>
/// <param name="Locale">The locale of host messages (<c>w:Locale</c>).</param>
public sealed record WsManRequestHeader(
    Uri To,
    string ResourceUri,
    string Action,
    string MessageId,
    int MaxEnvelopeSize,
    TimeSpan OperationTimeout,
    string Locale)
{
    /// <summary>The target's keys (<c>w:SelectorSet</c>), for Get and Invoke; null for enumerations.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Selectors { get; init; }
}
