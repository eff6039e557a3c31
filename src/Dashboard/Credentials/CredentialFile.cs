using System.Text.Json;
using System.Text.Json.Serialization;

namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>
/// Reads and writes <c>credentials.json</c>. A write goes to a temporary file in the same folder, flushed to disk, then
/// renamed over the old one, so a crash or a full disk leaves either the old file or the new one, never half of one. On
/// Unix the file is created readable by the dashboard's account only.
/// </summary>
internal static class CredentialFile
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The credentials in the file (none when there is no file), or why it cannot be read. The reason never quotes the
    /// file's content: it may hold ciphertext.
    /// </summary>
    public static (IReadOnlyList<StoredCredential> Credentials, string? Problem) Read(string path)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return ([], null);
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ([], $"The credential file {path} cannot be read ({ex.GetType().Name}).");
        }

        FileBody? body;
        try
        {
            body = JsonSerializer.Deserialize<FileBody>(bytes, s_json);
        }
        catch (JsonException ex)
        {
            return ([], $"The credential file {path} is not valid (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); it was damaged or edited by hand.");
        }

        if (body?.Credentials is not { } entries)
        {
            return ([], $"The credential file {path} is not valid: it has no \"credentials\" list.");
        }

        var credentials = new List<StoredCredential>(entries.Count);
        foreach (var entry in entries)
        {
            // An entry without its fields is kept (so that it is reported and can be replaced), with nothing to decrypt.
            if (entry is null || string.IsNullOrEmpty(entry.Name))
            {
                return ([], $"The credential file {path} is not valid: an entry has no name.");
            }

            credentials.Add(new StoredCredential
            {
                Name = entry.Name,
                UserName = entry.UserName ?? string.Empty,
                ProtectedPassword = entry.ProtectedPassword ?? string.Empty,
                UpdatedBy = entry.UpdatedBy ?? string.Empty,
                UpdatedAt = entry.UpdatedAt ?? DateTimeOffset.MinValue,
                Version = entry.Version ?? 0,
            });
        }

        return (credentials, null);
    }

    /// <summary>Replaces the file with <paramref name="credentials"/>, atomically.</summary>
    public static async Task WriteAsync(string path, IEnumerable<StoredCredential> credentials, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var body = new FileBody(1, [.. credentials.OrderBy(c => c.Name, CredentialName.Comparer).Select(c =>
            new FileEntry(c.Name, c.UserName, c.ProtectedPassword, c.UpdatedBy, c.UpdatedAt, c.Version))]);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await JsonSerializer.SerializeAsync(stream, body, s_json, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private sealed record FileBody(int? Format, List<FileEntry?>? Credentials);

    private sealed record FileEntry(
        string? Name, string? UserName, string? ProtectedPassword, string? UpdatedBy, DateTimeOffset? UpdatedAt, int? Version);
}
