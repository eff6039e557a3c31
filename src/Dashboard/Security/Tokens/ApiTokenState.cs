namespace CheckpointDashboard.Dashboard.Security.Tokens;

/// <summary>Whether a token still opens the API.</summary>
public enum ApiTokenState
{
    Active,
    Expired,
    Revoked,
}
