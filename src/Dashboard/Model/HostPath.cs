using System.Buffers;

namespace CheckpointDashboard.Dashboard.Model;

/// <summary>
/// Paths typed for a Hyper-V host (export folders, checkpoint file locations): absolute Windows paths as the host sees
/// them, <c>X:\folder</c> or <c>\\server\share\folder</c>. Relative paths would resolve against the host's service
/// directory, which is never what the operator meant.
/// </summary>
public static class HostPath
{
    private static readonly SearchValues<char> s_invalid = SearchValues.Create("<>:\"|?*");

    /// <summary>The problem with <paramref name="path"/> in a sentence, or null when it is a usable absolute path.</summary>
    public static string? Validate(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return @"Enter a folder on the host, such as D:\Exports or \\server\share\Exports.";
        }

        if (path.Any(char.IsControl))
        {
            return "A path cannot contain control characters (tabs, line breaks and the like).";
        }

        if (path.Trim().Length != path.Length)
        {
            return "A path cannot start or end with spaces.";
        }

        if (path.Contains('/', StringComparison.Ordinal))
        {
            return @"Use backslashes (\) in Windows paths.";
        }

        string rest;
        if (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] == '\\')
        {
            rest = path[3..];
        }
        else if (path.StartsWith(@"\\", StringComparison.Ordinal))
        {
            var parts = path[2..].Split('\\');
            if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return @"A network path needs a server and a share: \\server\share\folder.";
            }

            if (parts[0] is "?" or ".")
            {
                return @"Device paths (\\?\, \\.\) are not supported; use D:\folder or \\server\share\folder.";
            }

            rest = string.Join('\\', parts);
        }
        else
        {
            return @"Enter an absolute path on the host: a drive (D:\Exports) or a network share (\\server\share\Exports).";
        }

        if (rest.AsSpan().ContainsAny(s_invalid))
        {
            return "A Windows path cannot contain < > : \" | ? * after the drive.";
        }

        var segments = rest.TrimEnd('\\').Split('\\');
        if (rest.TrimEnd('\\').Length == 0)
        {
            return null;
        }

        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                return @"The path contains an empty folder name (\\ in the middle).";
            }

            if (segment is "." or "..")
            {
                return "The path cannot contain '.' or '..' folders; write the folder out in full.";
            }

            if (segment.EndsWith(' ') || segment.EndsWith('.'))
            {
                return $"The folder name '{segment}' ends with a space or a dot, which Windows drops.";
            }
        }

        return null;
    }
}
