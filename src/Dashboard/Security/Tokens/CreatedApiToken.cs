namespace CheckpointDashboard.Dashboard.Security.Tokens;

/// <summary>A token just created: <see cref="Token"/> is the only copy of its text there will ever be; show it once.</summary>
public sealed record CreatedApiToken(ApiTokenInfo Info, string Token)
{
    /// <summary>Keeps the token out of anything that prints records (logs, exception messages, debuggers' summaries).</summary>
    public override string ToString() => $"CreatedApiToken {{ Id = {Info.Id}, Prefix = {Info.Prefix} }}";
}
