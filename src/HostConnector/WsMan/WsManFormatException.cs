namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// A response that does not have the shape docs/WSMAN.md describes. Thrown deep in the readers, which do not know
/// the host; <see cref="WsManResponseReader"/> turns it into a <see cref="Cim.CimException"/> that names the host.
/// </summary>
internal sealed class WsManFormatException : Exception
{
    public WsManFormatException(string problem)
        : base(problem)
    {
    }
}
