namespace CheckpointDashboard.Shared.Reports;

/// <summary>
/// A set of name wildcards (<c>*</c> any run, <c>?</c> one character; case-insensitive) that matches a name when any
/// of them does. Matched by hand rather than by regular expression: it runs once per VM per rule on fleets of tens of
/// thousands of VMs, needs no timeout (the greedy match below is linear in practice, quadratic at worst) and cannot
/// be turned into a hostile pattern.
/// </summary>
public sealed class WildcardPattern
{
    private readonly string[] _patterns;

    public WildcardPattern(IEnumerable<string>? patterns)
    {
        _patterns = patterns is null ? [] : [.. patterns.Where(p => !string.IsNullOrEmpty(p))];
    }

    /// <summary>True when no pattern was given; such a set matches nothing.</summary>
    public bool IsEmpty => _patterns.Length == 0;

    public bool IsMatch(string? name)
    {
        if (name is null)
        {
            return false;
        }

        foreach (var pattern in _patterns)
        {
            if (Matches(pattern, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The classic greedy wildcard match: on a mismatch after a <c>*</c>, let the star swallow one more character
    /// and retry from there.
    /// </summary>
    public static bool Matches(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
