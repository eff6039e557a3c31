namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// Compares Windows file paths the way the file system does for our purposes: case-insensitively, with <c>\</c> and
/// <c>/</c> alike, runs of separators counted as one and trailing separators ignored. It compares in place, without
/// normalising copies, because the report matches hundreds of thousands of paths per run.
/// </summary>
public sealed class DiskPathComparer : IEqualityComparer<string>
{
    public static DiskPathComparer Instance { get; } = new();

    public bool Equals(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        int i = 0, j = 0;
        while (true)
        {
            var a = Next(x, ref i);
            var b = Next(y, ref j);
            if (a != b)
            {
                return false;
            }

            if (a == '\0')
            {
                return true;
            }
        }
    }

    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);

        // A plain multiplicative hash over the canonical characters: paths are hashed hundreds of thousands of times
        // per report, and HashCode's per-character mixing costs more than it buys for file paths.
        var hash = 5381u;
        var i = 0;
        char c;
        while ((c = Next(obj, ref i)) != '\0')
        {
            hash = (hash * 33) ^ c;
        }

        return (int)hash;
    }

    /// <summary>
    /// The next character of the path's canonical spelling (upper case, one <c>\</c> per run of separators, none at
    /// the end), or <c>'\0'</c> at the end.
    /// </summary>
    private static char Next(string path, ref int index)
    {
        if (index >= path.Length)
        {
            return '\0';
        }

        var c = path[index++];
        if (c is not ('\\' or '/'))
        {
            // ASCII, nearly every path character, is upper-cased without the culture tables.
            return c < 128 ? (char)(c is >= 'a' and <= 'z' ? c - 32 : c) : char.ToUpperInvariant(c);
        }

        while (index < path.Length && path[index] is '\\' or '/')
        {
            index++;
        }

        // A separator run that ends the path is dropped, so "C:\VMs\" and "C:\VMs" are the same folder.
        return index >= path.Length ? '\0' : '\\';
    }
}
