using System.Text;
using System.Text.RegularExpressions;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>The golden WS-Management samples embedded from <c>Golden/</c>, by file name.</summary>
internal static partial class Golden
{
    public static string Text(string name)
    {
        using var stream = typeof(Golden).Assembly.GetManifestResourceStream("WsManGolden/" + name)
            ?? throw new InvalidOperationException($"No golden sample '{name}'.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static byte[] Bytes(string name) => Encoding.UTF8.GetBytes(Text(name));

    /// <summary>The sample with its <c>a:RelatesTo</c> set to <paramref name="messageId"/>, as a host answering that request would send it.</summary>
    public static string Answering(string name, string? messageId) =>
        messageId is null ? Text(name) : RelatesTo().Replace(Text(name), $"<a:RelatesTo>{messageId}</a:RelatesTo>");

    [GeneratedRegex("<a:RelatesTo>[^<]*</a:RelatesTo>")]
    private static partial Regex RelatesTo();
}
