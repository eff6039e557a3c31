using System.Text;

namespace CheckpointDashboard.HostConnector.HyperV;

/// <summary>Windows path handling for disk files reported by hosts (compared case-insensitively, either separator).</summary>
public static class DiskPaths
{
    private static readonly string[] s_diskExtensions = ["vhdx", "avhdx", "vhd", "avhd"];

    /// <summary>Backslashes only, no trailing separator, no doubled separators (a UNC prefix keeps its two).</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsNormalized(path))
        {
            // Hosts report paths in this form already: the same string, not a copy, so a fleet's paths are held once.
            return path;
        }

        var text = path.Trim().Replace('/', '\\');
        var unc = text.StartsWith(@"\\", StringComparison.Ordinal);
        var builder = new StringBuilder(text.Length);
        // The UNC prefix counts as a separator, so a third leading backslash is dropped like any doubled one.
        var previousSeparator = unc;
        foreach (var c in unc ? text[2..] : text)
        {
            if (c == '\\')
            {
                if (!previousSeparator)
                {
                    builder.Append(c);
                }

                previousSeparator = true;
            }
            else
            {
                builder.Append(c);
                previousSeparator = false;
            }
        }

        var result = (unc ? @"\\" : string.Empty) + builder.ToString().TrimEnd('\\');
        return result.Length == 2 && result[1] == ':' ? result + "\\" : result;
    }

    /// <summary>True when <see cref="Normalize"/> would return <paramref name="path"/> unchanged.</summary>
    private static bool IsNormalized(string path)
    {
        if (path.Length == 0 || char.IsWhiteSpace(path[0]) || char.IsWhiteSpace(path[^1]) || path.Contains('/', StringComparison.Ordinal))
        {
            return path.Length == 0;
        }

        if (path.Length == 2 && path[1] == ':')
        {
            return false; // "C:" becomes "C:\".
        }

        var unc = path.StartsWith(@"\\", StringComparison.Ordinal);
        var body = unc ? path.AsSpan(2) : path.AsSpan();
        if (unc && body.Length > 0 && body[0] == '\\')
        {
            return false; // A third leading backslash goes.
        }

        // A trailing separator goes, except the one of a drive's root ("C:\").
        if (body.Length > 0 && body[^1] == '\\' && !(path.Length == 3 && path[1] == ':'))
        {
            return false;
        }

        return !body.Contains(@"\\", StringComparison.Ordinal);
    }

    /// <summary>
    /// The folder of a normalised path, spelled as <see cref="Normalize"/> spells it ("" when there is none,
    /// <c>C:\</c> for a file at a drive's root), so a folder scan recorded under its normalised name is found again.
    /// </summary>
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

    /// <summary>True for a folder on a local drive (<c>C:\…</c>); <c>CIM_DataFile</c> cannot list network shares.</summary>
    public static bool IsScannable(string folder) =>
        folder.Length >= 2 && char.IsAsciiLetter(folder[0]) && folder[1] == ':';

    public static bool IsDiskFile(string path) =>
        s_diskExtensions.Any(e => path.EndsWith("." + e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The WQL that lists a folder's disk files. <c>Drive</c> and <c>Path</c> are both pinned: without them
    /// WMI scans every disk of the host. Inside a WQL literal every backslash is doubled.
    /// </summary>
    public static string FolderQuery(string folder)
    {
        if (!IsScannable(folder))
        {
            throw new ArgumentException($"'{folder}' is not a local folder.", nameof(folder));
        }

        var drive = folder[..2];
        var rest = folder.Length > 2 ? folder[2..] : string.Empty;
        var wmiPath = rest.TrimEnd('\\') + "\\";
        if (!wmiPath.StartsWith('\\'))
        {
            wmiPath = "\\" + wmiPath;
        }

        var extensions = string.Join(" OR ", s_diskExtensions.Select(e => $"Extension = '{e}'"));
        return $"SELECT Name, FileSize, LastModified FROM CIM_DataFile WHERE Drive = '{Escape(drive)}' AND Path = '{Escape(wmiPath)}' AND ({extensions})";
    }

    /// <summary>Escapes text for a single-quoted WQL literal.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
    }
}
