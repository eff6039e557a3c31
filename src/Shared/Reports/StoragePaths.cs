using System.Text;

namespace CheckpointDashboard.Shared.Reports;

/// <summary>Path spelling and storage locations for the report (Windows paths as hosts report them).</summary>
public static class StoragePaths
{
    private const string ClusterStorage = @"\ClusterStorage\";

    /// <summary>
    /// Backslashes only, runs of separators collapsed, no trailing separator (a drive root keeps its <c>C:\</c> and a
    /// UNC path its leading <c>\\</c>). Returns the same string when it is already spelled that way.
    /// </summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = path.Trim();
        if (IsCanonical(text))
        {
            return text;
        }

        var unc = text.Length >= 2 && text[0] is '\\' or '/' && text[1] is '\\' or '/';
        var builder = new StringBuilder(text.Length);
        builder.Append(unc ? @"\\" : string.Empty);
        var previousSeparator = unc;
        foreach (var c in unc ? text.AsSpan(2) : text.AsSpan())
        {
            var separator = c is '\\' or '/';
            if (!separator || !previousSeparator)
            {
                builder.Append(separator ? '\\' : c);
            }

            previousSeparator = separator;
        }

        while (builder.Length > (unc ? 2 : 0) && builder[^1] == '\\')
        {
            builder.Length--;
        }

        return builder.Length == 2 && builder[1] == ':' ? builder.Append('\\').ToString() : builder.ToString();
    }

    /// <summary>The folder of a normalised path ("" when there is none; <c>C:\</c> for a file at a drive's root).</summary>
    public static string FolderOf(string normalizedPath)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        var cut = normalizedPath.LastIndexOf('\\');
        if (cut <= 0)
        {
            return string.Empty;
        }

        return cut == 2 && normalizedPath[1] == ':' ? normalizedPath[..3] : normalizedPath[..cut];
    }

    /// <summary>
    /// The storage location a normalised path lives on, the unit space is planned in: a Cluster Shared Volume
    /// (<c>C:\ClusterStorage\Volume1</c>), an SMB share (<c>\\server\share</c>) or a drive (<c>D:\</c>). Anything else
    /// (a relative path) is its own folder.
    /// </summary>
    public static string VolumeOf(string normalizedPath)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        if (normalizedPath.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return Prefix(normalizedPath, 2, segments: 2);
        }

        if (normalizedPath.Length >= 2 && char.IsAsciiLetter(normalizedPath[0]) && normalizedPath[1] == ':')
        {
            return normalizedPath.Length > 2 && normalizedPath.AsSpan(2).StartsWith(ClusterStorage, StringComparison.OrdinalIgnoreCase)
                ? Prefix(normalizedPath, 3, segments: 2)
                : char.ToUpperInvariant(normalizedPath[0]) + @":\";
        }

        return FolderOf(normalizedPath);
    }

    /// <summary>The path up to the end of the <paramref name="segments"/>-th segment after <paramref name="start"/>.</summary>
    private static string Prefix(string path, int start, int segments)
    {
        var end = start;
        for (var i = 0; i < segments; i++)
        {
            var next = path.IndexOf('\\', end + (i == 0 ? 0 : 1));
            if (next < 0)
            {
                return path;
            }

            end = next;
        }

        return path[..end];
    }

    private static bool IsCanonical(string text)
    {
        if (text.Length == 0 || text.Contains('/', StringComparison.Ordinal) || (text.Length == 2 && text[1] == ':'))
        {
            return text.Length == 0;
        }

        // Doubled backslashes are allowed only as a UNC prefix; a trailing one only on a drive root.
        var from = text.StartsWith(@"\\", StringComparison.Ordinal) ? 2 : 0;
        if (text.AsSpan(from).IndexOf(@"\\", StringComparison.Ordinal) >= 0 || (from == 2 && text.Length > 2 && text[2] == '\\'))
        {
            return false;
        }

        return text[^1] != '\\' || (text.Length == 3 && text[1] == ':');
    }
}
