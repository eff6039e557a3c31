using System.Xml;
using CheckpointDashboard.HostConnector.WsMan;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// What to send back: the response action and a body writer. The body writer may flush the
/// <see cref="XmlWriter"/> between items, so a long enumeration streams to the client instead of being built in memory.
/// </summary>
internal sealed record WsManResponse(string Action, Func<XmlWriter, CancellationToken, Task> WriteBody)
{
    /// <summary>The fault this response carries, if it is one.</summary>
    public WsManFault? Fault { get; init; }

    public int StatusCode => Fault?.HttpStatus ?? 200;

    public static WsManResponse ForFault(WsManFault fault, string machine) => new(WsManNames.ActionFault, (writer, _) =>
    {
        WsManEnvelopeWriter.WriteFault(writer, fault, machine);
        return Task.CompletedTask;
    })
    {
        Fault = fault,
    };
}
