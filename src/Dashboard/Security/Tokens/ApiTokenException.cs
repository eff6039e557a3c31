namespace CheckpointDashboard.Dashboard.Security.Tokens;

/// <summary>A token request refused, with a sentence for the user (a bad name or lifetime, a token not theirs).</summary>
public sealed class ApiTokenException : Exception
{
    public ApiTokenException()
    {
    }

    public ApiTokenException(string message)
        : base(message)
    {
    }

    public ApiTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
