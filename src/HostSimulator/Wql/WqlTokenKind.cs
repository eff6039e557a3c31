namespace CheckpointDashboard.HostSimulator.Wql;

internal enum WqlTokenKind
{
    /// <summary>A name or keyword (keywords are told apart by the parser).</summary>
    Identifier,
    String,
    Number,
    Star,
    Comma,
    Dot,
    LeftParen,
    RightParen,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary>The text between <c>{</c> and its <c>}</c>, for ASSOCIATORS OF.</summary>
    ObjectPath,
    End,
}
