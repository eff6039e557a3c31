namespace CheckpointDashboard.Dashboard.Model;

/// <summary>Who the UI submits jobs as.</summary>
public static class Operators
{
    /// <summary>
    /// The user every request is recorded under until sign-in exists (the audit trail's documented placeholder).
    /// When sign-in arrives, components take the user from the authentication state instead.
    /// </summary>
    public const string Local = "local";
}
