namespace CheckpointDashboard.Dashboard.Security.Oidc;

/// <summary>Why a single sign-on did not sign the user in; <see cref="None"/> when it did.</summary>
public enum OidcRefusal
{
    None,

    /// <summary>The provider's answer could not be used: no external sign-in, no subject, no user name, or it failed.</summary>
    Failed,

    /// <summary>None of the user's groups is mapped to an existing role in <c>Auth:Oidc:GroupRoles</c>.</summary>
    NoRole,

    /// <summary>A local account with a password has the same user name; it is never taken over by the provider.</summary>
    LocalAccountExists,

    /// <summary>An administrator locked the account.</summary>
    LockedOut,
}
