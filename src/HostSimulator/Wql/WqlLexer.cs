using System.Globalization;
using System.Text;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>Splits WQL text into tokens, rejecting characters and operators WQL does not have.</summary>
internal static class WqlLexer
{
    public static List<WqlToken> Tokenize(string text)
    {
        var tokens = new List<WqlToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new WqlToken(WqlTokenKind.End, string.Empty, text.Length, null));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new WqlToken(WqlTokenKind.Identifier, text[start..i], start, null));
            }
            else if (char.IsAsciiDigit(c) || (c is '-' or '+' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadString(text, ref i));
            }
            else if (c == '{')
            {
                tokens.Add(ReadObjectPath(text, ref i));
            }
            else
            {
                tokens.Add(ReadSymbol(text, ref i));
            }
        }
    }

    private static WqlToken ReadNumber(string text, ref int i)
    {
        var start = i;
        if (text[i] is '-' or '+')
        {
            i++;
        }

        var isReal = false;
        SkipDigits(text, ref i);
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            isReal = true;
            i++;
            SkipDigits(text, ref i);
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                isReal = true;
                i = j;
                SkipDigits(text, ref i);
            }
        }

        var raw = text[start..i];
        object value;
        if (isReal)
        {
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || !double.IsFinite(real))
            {
                throw new WqlSyntaxException(text, start + 1, $"the number {raw} is out of range");
            }

            value = real;
        }
        else if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            value = integer;
        }
        else if (ulong.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unsigned))
        {
            value = unsigned;
        }
        else
        {
            throw new WqlSyntaxException(text, start + 1,
                $"the integer {raw} is out of range (WQL integers run from {long.MinValue} to {ulong.MaxValue})");
        }

        return new WqlToken(WqlTokenKind.Number, raw, start, value);
    }

    private static void SkipDigits(string text, ref int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
    }

    /// <summary>A string in ' or " quotes; backslash escapes \\, \' and \" (WQL has no others).</summary>
    private static WqlToken ReadString(string text, ref int i)
    {
        var start = i;
        var quote = text[i++];
        var builder = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == quote)
            {
                i++;
                return new WqlToken(WqlTokenKind.String, text[start..i], start, builder.ToString());
            }

            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    break;
                }

                var escaped = text[i + 1];
                if (escaped is not ('\\' or '\'' or '"'))
                {
                    throw new WqlSyntaxException(text, i + 1,
                        $"'\\{escaped}' is not a WQL escape; a backslash in a string is written '\\\\' (only \\\\, \\' and \\\" are escapes)");
                }

                builder.Append(escaped);
                i += 2;
                continue;
            }

            builder.Append(c);
            i++;
        }

        throw new WqlSyntaxException(text, start + 1, $"the string starting here has no closing {quote}");
    }

    /// <summary>The text between '{' and the matching '}', skipping braces inside quoted key values.</summary>
    private static WqlToken ReadObjectPath(string text, ref int i)
    {
        var start = i;
        var quote = '\0';
        for (i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}')
            {
                var inner = text[(start + 1)..i];
                i++;
                return new WqlToken(WqlTokenKind.ObjectPath, text[start..i], start, inner);
            }
        }

        throw new WqlSyntaxException(text, start + 1,
            quote == '\0' ? "the object path starting here has no closing '}'" : $"the object path starting here has an unterminated {quote}-quoted value and no closing '}}'");
    }

    private static WqlToken ReadSymbol(string text, ref int i)
    {
        var start = i;
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        (WqlTokenKind Kind, int Length) token = c switch
        {
            '*' => (WqlTokenKind.Star, 1),
            ',' => (WqlTokenKind.Comma, 1),
            '.' => (WqlTokenKind.Dot, 1),
            '(' => (WqlTokenKind.LeftParen, 1),
            ')' => (WqlTokenKind.RightParen, 1),
            '=' when next is '=' or '<' or '>' or '!' => throw Unknown(text, start, $"={next}", next switch
            {
                '=' => "'='",
                '<' => "'<='",
                '>' => "'>='",
                _ => "'!='",
            }),
            '=' => (WqlTokenKind.Equal, 1),
            '<' when next == '=' => (WqlTokenKind.LessOrEqual, 2),
            '<' when next == '>' => (WqlTokenKind.NotEqual, 2),
            '<' => (WqlTokenKind.Less, 1),
            '>' when next == '=' => (WqlTokenKind.GreaterOrEqual, 2),
            '>' => (WqlTokenKind.Greater, 1),
            '!' when next == '=' => (WqlTokenKind.NotEqual, 2),
            '!' => throw Unknown(text, start, "!", "NOT or '!='"),
            '&' => throw Unknown(text, start, next == '&' ? "&&" : "&", "AND"),
            '|' => throw Unknown(text, start, next == '|' ? "||" : "|", "OR"),
            _ => throw new WqlSyntaxException(text, start + 1,
                char.IsControl(c)
                    ? string.Create(CultureInfo.InvariantCulture, $"unexpected control character U+{(int)c:X4}")
                    : $"unexpected character '{c}'"),
        };

        i += token.Length;
        return new WqlToken(token.Kind, text.Substring(start, token.Length), start, null);
    }

    private static WqlSyntaxException Unknown(string text, int start, string op, string instead) =>
        new(text, start + 1, $"unknown operator '{op}'; WQL uses {instead}");
}
