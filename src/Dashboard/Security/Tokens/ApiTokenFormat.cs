using System.Buffers.Text;
using System.Security.Cryptography;

namespace CheckpointDashboard.Dashboard.Security.Tokens;

/// <summary>
/// The shape of an API token: <c>cpd_</c>, the token's id (16 bytes, base64url), a dot, and the secret (32 random bytes,
/// base64url), 70 characters in all.
/// </summary>
/// <remarks>
/// The id travels inside the token so that a presented token is looked up by primary key, without a scan and without
/// an index on anything derived from the secret; the secret is then checked against the stored SHA-256 in constant
/// time. A plain (fast) hash is enough: the secret is 256 random bits, not a password a user chose, so there is nothing
/// to guess from a leaked hash. The fixed <c>cpd_</c> prefix lets secret scanners and people recognise a leaked token.
/// </remarks>
public static class ApiTokenFormat
{
    public const string Marker = "cpd_";

    /// <summary>How many leading characters are kept as <see cref="ApiTokenRecord.Prefix"/>: the marker and 4 of the id.</summary>
    public const int PrefixLength = 8;

    private const int IdChars = 22;
    private const int SecretBytes = 32;
    private const int SecretChars = 43;

    /// <summary>The token's parts: its id, the text shown to recognise it, and the hash to store.</summary>
    public readonly record struct Parts(Guid Id, string Prefix, byte[] Hash);

    /// <summary>A new token (the text, to be shown once) and what to store of it.</summary>
    public static (string Token, Parts Parts) Create()
    {
        var id = Guid.NewGuid();
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        var token = $"{Marker}{Base64Url.EncodeToString(id.ToByteArray())}.{Base64Url.EncodeToString(secret)}";
        return (token, new Parts(id, token[..PrefixLength], SHA256.HashData(secret)));
    }

    /// <summary>Reads a presented token; false when it does not have the shape of one of ours.</summary>
    public static bool TryParse(string? token, out Parts parts)
    {
        parts = default;
        if (token is null || token.Length != Marker.Length + IdChars + 1 + SecretChars ||
            !token.StartsWith(Marker, StringComparison.Ordinal) || token[Marker.Length + IdChars] != '.')
        {
            return false;
        }

        // TryDecode refuses a short buffer but throws on a character outside the alphabet: check the text first.
        var idText = token.AsSpan(Marker.Length, IdChars);
        var secretText = token.AsSpan(Marker.Length + IdChars + 1);
        if (!Base64Url.IsValid(idText) || !Base64Url.IsValid(secretText))
        {
            return false;
        }

        Span<byte> id = stackalloc byte[16];
        Span<byte> secret = stackalloc byte[SecretBytes + 2];
        if (!Base64Url.TryDecodeFromChars(idText, id, out var idLength) || idLength != 16 ||
            !Base64Url.TryDecodeFromChars(secretText, secret, out var secretLength) || secretLength != SecretBytes)
        {
            return false;
        }

        parts = new Parts(new Guid(id), token[..PrefixLength], SHA256.HashData(secret[..SecretBytes]));
        return true;
    }
}
