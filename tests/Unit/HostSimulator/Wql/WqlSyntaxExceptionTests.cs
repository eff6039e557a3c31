using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostSimulator.Wql;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.Wql.WqlTestData;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.Wql;

public class WqlSyntaxExceptionTests
{
    [Fact]
    public void Parse_WhereWithoutCondition_ThrowsInvalidQueryWithFullMessage()
    {
        const string Query = "SELECT * FROM Msvm_ComputerSystem WHERE";

        var error = SyntaxError(Query);

        Assert.Equal(
            "WQL syntax error at position 40: expected a property name after 'WHERE', found the end of the query in \"SELECT * FROM Msvm_ComputerSystem WHERE\"",
            error.Message);
        Assert.Equal(CimErrorKind.InvalidQuery, error.Kind);
        Assert.Equal(0x80041017u, error.WmiErrorCode);
        Assert.Equal(40, error.Position);
        Assert.Equal(Query, error.Query);
        Assert.IsAssignableFrom<CimException>(error);
        Assert.False(error.IsTransient);
    }

    [Theory]
    // Empty text and statements that are not queries.
    [InlineData("", 1, "expected SELECT or ASSOCIATORS OF at the start of the query, found the end of the query")]
    [InlineData("   ", 4, "expected SELECT or ASSOCIATORS OF at the start of the query, found the end of the query")]
    [InlineData("DELETE FROM C", 1, "expected SELECT or ASSOCIATORS OF at the start of the query, found 'DELETE'")]
    // SELECT list and FROM.
    [InlineData("SELECT FROM Msvm_ComputerSystem", 8, "expected '*' or a property name after 'SELECT', found 'FROM'")]
    [InlineData("SELECT Name, FROM C", 14, "expected a property name after ',', found 'FROM'")]
    [InlineData("SELECT Name Type FROM C", 13, "expected ',' or FROM after 'Name', found 'Type'")]
    [InlineData("SELECT * C", 10, "expected FROM after '*', found 'C'")]
    [InlineData("SELECT * FROM", 14, "expected a class name after 'FROM', found the end of the query")]
    [InlineData("SELECT * FROM 'C'", 15, "expected a class name after 'FROM', found the string 'C'")]
    // Trailing garbage.
    [InlineData("SELECT * FROM Msvm_ComputerSystem garbage", 35, "expected WHERE or the end of the query after 'Msvm_ComputerSystem', found 'garbage'")]
    [InlineData("SELECT * FROM C WHERE A = 1 B = 2", 29, "expected AND, OR or the end of the query after '1', found 'B'")]
    [InlineData("SELECT * FROM C WHERE A = 1)", 28, "expected AND, OR or the end of the query after '1', found ')'")]
    [InlineData("SELECT * FROM C WHERE A = 1;", 28, "unexpected character ';'")]
    // Conditions.
    [InlineData("SELECT * FROM C WHERE AND", 23, "expected a property name after 'WHERE', found 'AND'")]
    [InlineData("SELECT * FROM C WHERE NOT", 26, "expected a property name after 'NOT', found the end of the query")]
    [InlineData("SELECT * FROM C WHERE A = 1 AND", 32, "expected a property name after 'AND', found the end of the query")]
    [InlineData("SELECT * FROM C WHERE P", 24, "expected a comparison operator (=, <>, !=, <, >, <=, >=), LIKE, IS or ISA after 'P', found the end of the query")]
    [InlineData("SELECT * FROM C WHERE P =", 26, "expected a constant (a string, a number, TRUE, FALSE or NULL) after '=', found the end of the query")]
    [InlineData("SELECT * FROM C WHERE (A = 1", 29, "expected AND, OR or ')' to close the '(' at position 23 after '1', found the end of the query")]
    [InlineData("SELECT * FROM C WHERE P.= 1", 25, "expected an embedded property name after '.', found '='")]
    [InlineData("SELECT * FROM C WHERE A = B", 27, "expected a constant after '=', found the property 'B' (WQL compares a property with a constant, never two properties)")]
    [InlineData("SELECT * FROM C WHERE 1 = 2", 27, "a condition compares a property with a constant, not two constants")]
    [InlineData("SELECT * FROM C WHERE 'x' LIKE P", 27, "LIKE needs the property on its left, not a constant")]
    [InlineData("SELECT * FROM C WHERE A < TRUE", 25, "TRUE and FALSE can only be compared with '=', '<>' or '!=', not '<'")]
    [InlineData("SELECT * FROM C WHERE FALSE >= A", 29, "TRUE and FALSE can only be compared with '=', '<>' or '!=', not '>='")]
    [InlineData("SELECT * FROM C WHERE A IS 5", 28, "expected NULL or NOT NULL (IS only tests for NULL) after 'IS', found the number 5")]
    [InlineData("SELECT * FROM C WHERE A IS NOT 'NTFS'", 32, "expected NULL (IS NOT only tests for NULL) after 'NOT', found the string 'NTFS'")]
    [InlineData("SELECT * FROM C WHERE A LIKE 5", 30, "expected a string pattern after 'LIKE', found the number 5")]
    [InlineData("SELECT * FROM C WHERE A LIKE 'ab[cd'", 30, "invalid LIKE pattern 'ab[cd': the '[' at pattern position 3 has no closing ']'")]
    [InlineData("SELECT * FROM C WHERE A ISA 5", 29, "expected a class name after 'ISA', found the number 5")]
    // Operators WQL does not have.
    [InlineData("SELECT * FROM C WHERE A == 1", 25, "unknown operator '=='; WQL uses '='")]
    [InlineData("SELECT * FROM C WHERE A => 1", 25, "unknown operator '=>'; WQL uses '>='")]
    [InlineData("SELECT * FROM C WHERE A = 1 && B = 2", 29, "unknown operator '&&'; WQL uses AND")]
    [InlineData("SELECT * FROM C WHERE A = 1 || B = 2", 29, "unknown operator '||'; WQL uses OR")]
    [InlineData("SELECT * FROM C WHERE !A", 23, "unknown operator '!'; WQL uses NOT or '!='")]
    [InlineData("SELECT * FROM C WHERE A ~ 1", 25, "unexpected character '~'")]
    // Constants.
    [InlineData("SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine", 51, "the string starting here has no closing '")]
    [InlineData("SELECT * FROM C WHERE P = \"abc", 27, "the string starting here has no closing \"")]
    [InlineData(@"SELECT * FROM C WHERE P = 'abc\'", 27, "the string starting here has no closing '")]
    [InlineData(@"SELECT * FROM C WHERE P = 'C:\Windows'", 30, @"'\W' is not a WQL escape; a backslash in a string is written '\\'")]
    [InlineData("SELECT * FROM C WHERE P = 99999999999999999999", 27, "the integer 99999999999999999999 is out of range")]
    // ASSOCIATORS OF.
    [InlineData("ASSOCIATORS {Msvm_X.Name='a'}", 13, "expected OF after 'ASSOCIATORS', found the object path {Msvm_X.Name='a'}")]
    [InlineData("ASSOCIATORS OF Msvm_X.Name='a'", 16, "expected an object path in braces, such as {Msvm_ComputerSystem.Name='…'} after 'OF', found 'Msvm_X'")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'", 16, "the object path starting here has no closing '}'")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a}", 16, "the object path starting here has an unterminated '-quoted value and no closing '}'")]
    [InlineData("ASSOCIATORS OF {not a path}", 16, "'not a path' is not a valid WMI object path")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} garbage", 34, "expected WHERE or the end of the query after '{Msvm_X.Name='a'}', found 'garbage'")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE", 39, "expected AssocClass, ResultClass, Role, ResultRole or ClassDefsOnly after 'WHERE', found the end of the query")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE Bogus = 1", 40, "expected AssocClass, ResultClass, Role, ResultRole or ClassDefsOnly after 'WHERE', found 'Bogus'")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE AssocClass = A AND ResultClass = B", 55, "unexpected 'AND': the clauses of ASSOCIATORS OF … WHERE are separated by spaces only")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE AssocClass = A, ResultClass = B", 54, "unexpected ',': the clauses of ASSOCIATORS OF … WHERE are separated by spaces only")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE AssocClass Msvm_Y", 51, "expected '=' after 'AssocClass', found 'Msvm_Y'")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE AssocClass =", 52, "expected a class name after '=', found the end of the query")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE Role = 5", 47, "expected a property name after '=', found the number 5")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE AssocClass = A AssocClass = B", 55, "AssocClass is given twice")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE ClassDefsOnly = TRUE", 54, "ClassDefsOnly takes no value")]
    [InlineData("ASSOCIATORS OF {Msvm_X.Name='a'} WHERE ClassDefsOnly ResultClass = B", 54, "ClassDefsOnly and ResultClass cannot be used together")]
    public void Parse_InvalidQuery_ThrowsWithPositionAndWhatWasExpected(string query, int position, string problem)
    {
        var error = SyntaxError(query);

        Assert.Equal(position, error.Position);
        Assert.StartsWith($"WQL syntax error at position {position}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.EndsWith($" in \"{query}\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(CimErrorKind.InvalidQuery, error.Kind);
        Assert.Equal(WqlSyntaxException.InvalidQueryCode, error.WmiErrorCode);
    }

    [Fact]
    public void Parse_VeryLongInvalidQuery_QuotesAShortenedQuery()
    {
        var query = "SELECT * FROM C WHERE P = '" + new string('x', 1000);

        var error = SyntaxError(query);

        Assert.Equal(27, error.Position);
        Assert.True(error.Message.Length < 500, error.Message);
        Assert.Equal(query, error.Query);
    }

    [Fact]
    public void Parse_NullText_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => WqlParser.Parse(null!, CimNamespaces.Virtualization));
    }
}
