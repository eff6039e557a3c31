using System.Buffers;
using CheckpointDashboard.Dashboard.Hosting;

namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>
/// The rules for a credential's name: what hosts write in <c>"Credential": "NAME"</c>, and a configuration key
/// (<c>Credentials:NAME</c>), so it is kept to 1-64 characters of letters, digits, dot, underscore and hyphen.
/// Names are compared ignoring case, as configuration keys are.
/// </summary>
public static class CredentialName
{
    public const int MaxLength = 64;

    /// <summary>Compares names the way configuration keys compare.</summary>
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    private static readonly SearchValues<char> s_allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    // The simulator's own credential and the key ring's certificate settings live under these names.
    private static readonly string[] s_reserved = [EmbeddedSimulator.CredentialName, CredentialKeyOptions.SectionKey];

    /// <summary>Why <paramref name="name"/> cannot name a credential, as a sentence naming the field; null when it can.</summary>
    public static string? Problem(string? name, string field = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"{field}: is required (1-{MaxLength} letters, digits, '.', '_' or '-').";
        }

        if (name.Length > MaxLength)
        {
            return $"{field}: is {name.Length} characters long; at most {MaxLength} are allowed.";
        }

        if (name.AsSpan().IndexOfAnyExcept(s_allowed) is var bad and >= 0)
        {
            return $"{field}: '{name[bad]}' is not allowed; use only letters, digits, '.', '_' or '-'.";
        }

        if (s_reserved.Contains(name, Comparer))
        {
            return $"{field}: '{name}' is reserved by the dashboard; choose another name.";
        }

        return null;
    }
}
