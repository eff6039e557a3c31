using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>Recursive-descent parser over <see cref="WqlLexer"/> tokens; see <see cref="WqlParser"/> for the grammar.</summary>
internal sealed class WqlQueryParser
{
    /// <summary>WBEM_E_NOT_SUPPORTED.</summary>
    private const uint NotSupportedCode = 0x8004100C;

    private const string AssociatorsKeywords = "AssocClass, ResultClass, Role, ResultRole or ClassDefsOnly";

    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "LIKE", "IS", "ISA", "NULL", "TRUE", "FALSE",
        "ASSOCIATORS", "REFERENCES", "OF",
    };

    private readonly string _text;
    private readonly List<WqlToken> _tokens;
    private readonly string _defaultNamespace;
    private int _index;

    public WqlQueryParser(string text, List<WqlToken> tokens, string defaultNamespace)
    {
        _text = text;
        _tokens = tokens;
        _defaultNamespace = defaultNamespace;
    }

    private WqlToken Current => _tokens[_index];

    public WqlQuery ParseQuery()
    {
        if (IsKeyword(Current, "SELECT"))
        {
            return ParseSelect();
        }

        if (IsKeyword(Current, "ASSOCIATORS"))
        {
            return ParseAssociators();
        }

        if (IsKeyword(Current, "REFERENCES"))
        {
            throw NotSupported("REFERENCES OF queries are not supported by the host simulator");
        }

        throw Expected("SELECT or ASSOCIATORS OF");
    }

    private WqlSelectQuery ParseSelect()
    {
        Advance();
        List<string>? properties = null;
        if (Current.Kind == WqlTokenKind.Star)
        {
            Advance();
        }
        else if (IsName(Current))
        {
            properties = [Advance().Text];
            while (Current.Kind == WqlTokenKind.Comma)
            {
                Advance();
                if (!IsName(Current))
                {
                    throw Expected("a property name");
                }

                properties.Add(Advance().Text);
            }
        }
        else
        {
            throw Expected("'*' or a property name");
        }

        if (!IsKeyword(Current, "FROM"))
        {
            throw Expected(properties is null ? "FROM" : "',' or FROM");
        }

        Advance();
        if (!IsName(Current))
        {
            throw Expected("a class name");
        }

        var className = Advance().Text;
        WqlExpression? where = null;
        if (IsKeyword(Current, "WHERE"))
        {
            Advance();
            where = ParseOr();
            if (Current.Kind != WqlTokenKind.End)
            {
                throw Expected("AND, OR or the end of the query");
            }
        }
        else if (Current.Kind != WqlTokenKind.End)
        {
            throw Expected("WHERE or the end of the query");
        }

        return new WqlSelectQuery(properties?.ToArray(), className, where);
    }

    private WqlExpression ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword(Current, "OR"))
        {
            Advance();
            left = new WqlOrExpression(left, ParseAnd());
        }

        return left;
    }

    private WqlExpression ParseAnd()
    {
        var left = ParseNot();
        while (IsKeyword(Current, "AND"))
        {
            Advance();
            left = new WqlAndExpression(left, ParseNot());
        }

        return left;
    }

    private WqlExpression ParseNot()
    {
        if (IsKeyword(Current, "NOT"))
        {
            Advance();
            return new WqlNotExpression(ParseNot());
        }

        return ParsePrimary();
    }

    private WqlExpression ParsePrimary()
    {
        if (Current.Kind == WqlTokenKind.LeftParen)
        {
            var open = Advance();
            var inner = ParseOr();
            if (Current.Kind != WqlTokenKind.RightParen)
            {
                throw Expected(string.Create(CultureInfo.InvariantCulture,
                    $"AND, OR or ')' to close the '(' at position {open.Start + 1}"));
            }

            Advance();
            return inner;
        }

        if (IsName(Current))
        {
            return ParsePredicate(ParsePropertyPath());
        }

        if (IsConstant(Current))
        {
            return ParseConstantFirst();
        }

        throw Expected("a property name");
    }

    private WqlPropertyPath ParsePropertyPath()
    {
        var path = Advance().Text;
        while (Current.Kind == WqlTokenKind.Dot)
        {
            Advance();
            if (!IsName(Current))
            {
                throw Expected("an embedded property name");
            }

            path = $"{path}.{Advance().Text}";
        }

        return new WqlPropertyPath(path);
    }

    private WqlExpression ParsePredicate(WqlPropertyPath property)
    {
        if (TryComparisonOperator(Current, out var op))
        {
            var opToken = Advance();
            var constant = ParseConstant(opToken);
            CheckBooleanOperator(opToken, op, constant);
            return new WqlComparisonExpression(property, op, constant);
        }

        if (IsKeyword(Current, "LIKE"))
        {
            Advance();
            return ParseLike(property);
        }

        if (IsKeyword(Current, "NOT") && IsKeyword(Peek(1), "LIKE"))
        {
            Advance();
            Advance();
            return new WqlNotExpression(ParseLike(property));
        }

        if (IsKeyword(Current, "IS"))
        {
            Advance();
            var negated = false;
            if (IsKeyword(Current, "NOT"))
            {
                Advance();
                negated = true;
            }

            if (!IsKeyword(Current, "NULL"))
            {
                throw Expected(negated ? "NULL (IS NOT only tests for NULL)" : "NULL or NOT NULL (IS only tests for NULL)");
            }

            Advance();
            return new WqlIsNullExpression(property, negated);
        }

        if (IsKeyword(Current, "ISA"))
        {
            Advance();
            if (Current.Kind == WqlTokenKind.String && Current.Value is string quoted && IsIdentifier(quoted))
            {
                Advance();
                return new WqlIsaExpression(property, quoted);
            }

            if (IsName(Current))
            {
                return new WqlIsaExpression(property, Advance().Text);
            }

            throw Expected("a class name");
        }

        throw Expected("a comparison operator (=, <>, !=, <, >, <=, >=), LIKE, IS or ISA");
    }

    /// <summary><c>constant op property</c>, turned round into <c>property op' constant</c>.</summary>
    private WqlComparisonExpression ParseConstantFirst()
    {
        var constant = ParseConstant(null);
        if (IsKeyword(Current, "LIKE") || IsKeyword(Current, "IS") || IsKeyword(Current, "ISA"))
        {
            throw Error(Current, $"{Current.Text.ToUpperInvariant()} needs the property on its left, not a constant");
        }

        if (!TryComparisonOperator(Current, out var op))
        {
            throw Expected("a comparison operator (=, <>, !=, <, >, <=, >=)");
        }

        var opToken = Advance();
        if (!IsName(Current))
        {
            throw IsConstant(Current)
                ? Error(Current, "a condition compares a property with a constant, not two constants")
                : Expected("a property name");
        }

        var property = ParsePropertyPath();
        CheckBooleanOperator(opToken, op, constant);
        return new WqlComparisonExpression(property, Mirror(op), constant);
    }

    private WqlLiteral ParseConstant(WqlToken? afterOperator)
    {
        var token = Current;
        switch (token.Kind)
        {
            case WqlTokenKind.String:
            case WqlTokenKind.Number:
                Advance();
                return new WqlLiteral(token.Value);
            case WqlTokenKind.Identifier when IsKeyword(token, "NULL"):
                Advance();
                return WqlLiteral.Null;
            case WqlTokenKind.Identifier when IsKeyword(token, "TRUE") || IsKeyword(token, "FALSE"):
                Advance();
                return new WqlLiteral(IsKeyword(token, "TRUE"));
            case WqlTokenKind.Identifier when afterOperator is not null && IsName(token):
                throw Error(token,
                    $"expected a constant after '{afterOperator.Value.Text}', found the property '{token.Text}' (WQL compares a property with a constant, never two properties)");
            default:
                throw Expected("a constant (a string, a number, TRUE, FALSE or NULL)");
        }
    }

    private void CheckBooleanOperator(WqlToken opToken, WqlComparisonOperator op, WqlLiteral constant)
    {
        if (constant.Value is bool && op is not (WqlComparisonOperator.Equal or WqlComparisonOperator.NotEqual))
        {
            throw Error(opToken, $"TRUE and FALSE can only be compared with '=', '<>' or '!=', not '{opToken.Text}'");
        }
    }

    private WqlLikeExpression ParseLike(WqlPropertyPath property)
    {
        if (Current.Kind != WqlTokenKind.String || Current.Value is not string pattern)
        {
            throw Expected("a string pattern");
        }

        if (!WqlLikePattern.TryCompile(pattern, out _, out var problem))
        {
            throw Error(Current, $"invalid LIKE pattern {Current.Text}: {problem}");
        }

        Advance();
        return new WqlLikeExpression(property, pattern);
    }

    private WqlAssociatorsQuery ParseAssociators()
    {
        Advance();
        if (!IsKeyword(Current, "OF"))
        {
            throw Expected("OF");
        }

        Advance();
        if (Current.Kind != WqlTokenKind.ObjectPath || Current.Value is not string pathText)
        {
            throw Expected("an object path in braces, such as {Msvm_ComputerSystem.Name='…'}");
        }

        if (!CimReference.TryParseWmiPath(pathText, _defaultNamespace, out var source) || source is null)
        {
            throw Error(Current, $"'{pathText}' is not a valid WMI object path");
        }

        Advance();
        string? assocClass = null;
        string? resultClass = null;
        string? role = null;
        string? resultRole = null;
        var classDefsOnly = false;
        WqlToken? resultClassToken = null;
        WqlToken? classDefsOnlyToken = null;
        if (IsKeyword(Current, "WHERE"))
        {
            Advance();
            if (Current.Kind == WqlTokenKind.End)
            {
                throw Expected(AssociatorsKeywords);
            }

            while (Current.Kind != WqlTokenKind.End)
            {
                var keyword = Current;
                if (IsKeyword(keyword, "AND") || keyword.Kind == WqlTokenKind.Comma)
                {
                    throw Error(keyword,
                        $"unexpected '{keyword.Text}': the clauses of ASSOCIATORS OF … WHERE are separated by spaces only");
                }

                if (keyword.Kind != WqlTokenKind.Identifier)
                {
                    throw Expected(AssociatorsKeywords);
                }

                switch (keyword.Text.ToUpperInvariant())
                {
                    case "ASSOCCLASS":
                        assocClass = ParseAssociatorsValue(assocClass, "a class name");
                        break;
                    case "RESULTCLASS":
                        resultClassToken = keyword;
                        resultClass = ParseAssociatorsValue(resultClass, "a class name");
                        break;
                    case "ROLE":
                        role = ParseAssociatorsValue(role, "a property name");
                        break;
                    case "RESULTROLE":
                        resultRole = ParseAssociatorsValue(resultRole, "a property name");
                        break;
                    case "CLASSDEFSONLY":
                        if (classDefsOnly)
                        {
                            throw Error(keyword, "ClassDefsOnly is given twice");
                        }

                        classDefsOnlyToken = Advance();
                        if (Current.Kind == WqlTokenKind.Equal)
                        {
                            throw Error(Current, "ClassDefsOnly takes no value");
                        }

                        classDefsOnly = true;
                        break;
                    case "REQUIREDQUALIFIER":
                    case "REQUIREDASSOCQUALIFIER":
                    case "KEYSONLY":
                    case "SCHEMAONLY":
                    case "CLASSREFSONLY":
                        throw NotSupported($"ASSOCIATORS OF … WHERE {keyword.Text} is not supported by the host simulator");
                    default:
                        throw Expected(AssociatorsKeywords);
                }
            }
        }
        else if (Current.Kind != WqlTokenKind.End)
        {
            throw Expected("WHERE or the end of the query");
        }

        if (classDefsOnly && resultClass is not null)
        {
            var later = resultClassToken!.Value.Start > classDefsOnlyToken!.Value.Start ? resultClassToken.Value : classDefsOnlyToken.Value;
            throw Error(later, "ClassDefsOnly and ResultClass cannot be used together");
        }

        return new WqlAssociatorsQuery(source, assocClass, resultClass, role, resultRole, classDefsOnly);
    }

    /// <summary>Reads <c>= value</c> after an ASSOCIATORS OF keyword; the value is a name, quoted or not.</summary>
    private string ParseAssociatorsValue(string? previous, string what)
    {
        var keyword = Advance();
        if (previous is not null)
        {
            throw Error(keyword, $"{keyword.Text} is given twice");
        }

        if (Current.Kind != WqlTokenKind.Equal)
        {
            throw Expected("'='");
        }

        Advance();
        if (Current.Kind == WqlTokenKind.Identifier ||
            (Current.Kind == WqlTokenKind.String && Current.Value is string quoted && IsIdentifier(quoted)))
        {
            var token = Advance();
            return token.Value as string ?? token.Text;
        }

        throw Expected(what);
    }

    private WqlToken Advance()
    {
        var token = _tokens[_index];
        if (token.Kind != WqlTokenKind.End)
        {
            _index++;
        }

        return token;
    }

    private WqlToken Peek(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private WqlSyntaxException Expected(string what)
    {
        var after = _index == 0 ? "at the start of the query" : $"after '{Shorten(_tokens[_index - 1].Text)}'";
        return Error(Current, $"expected {what} {after}, found {Describe(Current)}");
    }

    private WqlSyntaxException Error(WqlToken at, string problem) => new(_text, at.Start + 1, problem);

    private static CimException NotSupported(string message) =>
        new(CimErrorKind.NotSupported, message) { WmiErrorCode = NotSupportedCode };

    private static string Describe(WqlToken token) => token.Kind switch
    {
        WqlTokenKind.End => "the end of the query",
        WqlTokenKind.String => $"the string {Shorten(token.Text)}",
        WqlTokenKind.Number => $"the number {token.Text}",
        WqlTokenKind.ObjectPath => $"the object path {Shorten(token.Text)}",
        _ => $"'{Shorten(token.Text)}'",
    };

    private static string Shorten(string text) => text.Length > 60 ? string.Concat(text.AsSpan(0, 60), "…") : text;

    private static bool IsKeyword(WqlToken token, string keyword) =>
        token.Kind == WqlTokenKind.Identifier && string.Equals(token.Text, keyword, StringComparison.OrdinalIgnoreCase);

    private static bool IsName(WqlToken token) => token.Kind == WqlTokenKind.Identifier && !s_reserved.Contains(token.Text);

    private static bool IsConstant(WqlToken token) =>
        token.Kind is WqlTokenKind.String or WqlTokenKind.Number ||
        IsKeyword(token, "NULL") || IsKeyword(token, "TRUE") || IsKeyword(token, "FALSE");

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static bool TryComparisonOperator(WqlToken token, out WqlComparisonOperator op)
    {
        (var found, op) = token.Kind switch
        {
            WqlTokenKind.Equal => (true, WqlComparisonOperator.Equal),
            WqlTokenKind.NotEqual => (true, WqlComparisonOperator.NotEqual),
            WqlTokenKind.Less => (true, WqlComparisonOperator.LessThan),
            WqlTokenKind.LessOrEqual => (true, WqlComparisonOperator.LessThanOrEqual),
            WqlTokenKind.Greater => (true, WqlComparisonOperator.GreaterThan),
            WqlTokenKind.GreaterOrEqual => (true, WqlComparisonOperator.GreaterThanOrEqual),
            _ => (false, WqlComparisonOperator.Equal),
        };
        return found;
    }

    /// <summary>The operator with its sides swapped: <c>5 &lt; P</c> is <c>P &gt; 5</c>.</summary>
    private static WqlComparisonOperator Mirror(WqlComparisonOperator op) => op switch
    {
        WqlComparisonOperator.LessThan => WqlComparisonOperator.GreaterThan,
        WqlComparisonOperator.LessThanOrEqual => WqlComparisonOperator.GreaterThanOrEqual,
        WqlComparisonOperator.GreaterThan => WqlComparisonOperator.LessThan,
        WqlComparisonOperator.GreaterThanOrEqual => WqlComparisonOperator.LessThanOrEqual,
        _ => op,
    };
}
