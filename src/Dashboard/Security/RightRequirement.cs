using Microsoft.AspNetCore.Authorization;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>Met when the signed-in user holds <see cref="Right"/> somewhere (the services check the exact cluster and host again).</summary>
public sealed record RightRequirement(Right Right) : IAuthorizationRequirement;
