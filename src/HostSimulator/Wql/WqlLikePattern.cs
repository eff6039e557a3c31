namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>A compiled LIKE pattern: one element per character position, <c>%</c> as a run.</summary>
internal sealed class WqlLikePattern
{
    private readonly Element[] _elements;

    private WqlLikePattern(Element[] elements)
    {
        _elements = elements;
    }

    public static bool TryCompile(string pattern, out WqlLikePattern compiled, out string error)
    {
        var elements = new List<Element>();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '%':
                    // Consecutive runs are one run.
                    if (elements.Count == 0 || elements[^1].Kind != ElementKind.AnyRun)
                    {
                        elements.Add(new Element(ElementKind.AnyRun, '\0', false, []));
                    }

                    i++;
                    break;
                case '_':
                    elements.Add(new Element(ElementKind.AnyOne, '\0', false, []));
                    i++;
                    break;
                case '[':
                    if (!TryReadSet(pattern, ref i, out var set))
                    {
                        compiled = null!;
                        error = $"the '[' at pattern position {i + 1} has no closing ']'";
                        return false;
                    }

                    elements.Add(set);
                    break;
                default:
                    elements.Add(new Element(ElementKind.Literal, c, false, []));
                    i++;
                    break;
            }
        }

        compiled = new WqlLikePattern([.. elements]);
        error = string.Empty;
        return true;
    }

    /// <summary>Whole-string, case-insensitive match; linear backtracking over the last '%' only.</summary>
    public bool IsMatch(string text)
    {
        var t = 0;
        var p = 0;
        var runAt = -1;
        var runText = 0;
        while (t < text.Length)
        {
            if (p < _elements.Length && _elements[p].Kind == ElementKind.AnyRun)
            {
                runAt = p++;
                runText = t;
            }
            else if (p < _elements.Length && _elements[p].Matches(text[t]))
            {
                p++;
                t++;
            }
            else if (runAt >= 0)
            {
                p = runAt + 1;
                t = ++runText;
            }
            else
            {
                return false;
            }
        }

        while (p < _elements.Length && _elements[p].Kind == ElementKind.AnyRun)
        {
            p++;
        }

        return p == _elements.Length;
    }

    /// <summary>Reads <c>[...]</c> from <paramref name="i"/> (at '['); a ']' right after '[' or '[^' is a member.</summary>
    private static bool TryReadSet(string pattern, ref int i, out Element set)
    {
        set = default;
        var j = i + 1;
        var negated = j < pattern.Length && pattern[j] == '^';
        if (negated)
        {
            j++;
        }

        var ranges = new List<(char Low, char High)>();
        var first = true;
        while (j < pattern.Length && (pattern[j] != ']' || first))
        {
            var low = pattern[j];
            if (j + 2 < pattern.Length && pattern[j + 1] == '-' && pattern[j + 2] != ']')
            {
                ranges.Add((low, pattern[j + 2]));
                j += 3;
            }
            else
            {
                ranges.Add((low, low));
                j++;
            }

            first = false;
        }

        if (j >= pattern.Length)
        {
            return false;
        }

        set = new Element(ElementKind.Set, '\0', negated, [.. ranges]);
        i = j + 1;
        return true;
    }

    private enum ElementKind
    {
        Literal,
        AnyOne,
        AnyRun,
        Set,
    }

    private readonly record struct Element(ElementKind Kind, char Literal, bool Negated, (char Low, char High)[] Ranges)
    {
        public bool Matches(char c)
        {
            switch (Kind)
            {
                case ElementKind.AnyOne:
                    return true;
                case ElementKind.Literal:
                    return SameIgnoringCase(c, Literal);
                case ElementKind.Set:
                    var upper = char.ToUpperInvariant(c);
                    var lower = char.ToLowerInvariant(c);
                    var inSet = false;
                    foreach (var (low, high) in Ranges)
                    {
                        if (InRange(c, low, high) || InRange(upper, low, high) || InRange(lower, low, high))
                        {
                            inSet = true;
                            break;
                        }
                    }

                    return inSet != Negated;
                default:
                    return false;
            }
        }

        private static bool InRange(char c, char low, char high) => c >= low && c <= high;

        private static bool SameIgnoringCase(char a, char b) =>
            a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b) || char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
    }
}
