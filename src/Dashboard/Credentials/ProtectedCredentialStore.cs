using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.DataProtection;

namespace CheckpointDashboard.Dashboard.Credentials;

/// <summary>
/// Host credentials saved by administrators, in <c>{Store:DataDirectory}/credentials.json</c> with each password
/// protected by the ASP.NET Core Data Protection key ring (purpose <see cref="Purpose"/>). As the connector's
/// <see cref="ICredentialStore"/> it puts these first and then whatever was there before (the configured credentials,
/// and the embedded simulator's), so existing deployments keep working and a saved credential overrides a configured one
/// of the same name.
/// </summary>
/// <remarks>
/// A singleton. Reads come from an in-memory copy loaded on first use; every save or delete re-reads the file under a
/// lock, checks the caller's version, writes atomically, audits and raises <see cref="Changed"/>. A password is decrypted
/// only when the connector asks for it (and once at load, to tell whether it can be); it is never logged, and no answer
/// of this class other than <see cref="Find"/> contains it.
/// </remarks>
public sealed class ProtectedCredentialStore : ICredentialStore, IDisposable
{
    /// <summary>The Data Protection purpose of stored passwords; a new purpose would make every stored password unreadable.</summary>
    public const string Purpose = "CheckpointDashboard.HostCredentials.v1";

    public const string FileName = "credentials.json";

    private const int MaxUserNameLength = 256;

    private readonly ICredentialStore _fallback;
    private readonly IConfiguration _configuration;
    private readonly IDataProtector _protector;
    private readonly Func<FleetOptions> _fleet;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger<ProtectedCredentialStore> _logger;
    private readonly string _keyDirectory;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _loadGate = new();
    private volatile State? _state;

    /// <param name="fallback">The credentials that were there before: configured ones, the simulator's.</param>
    /// <param name="configuration">Read for the names and user names of configured credentials (for the list).</param>
    /// <param name="filePath">The credential file.</param>
    /// <param name="keyDirectory">Where the key ring lives; named in the reason a password cannot be decrypted.</param>
    /// <param name="protection">The application's Data Protection provider.</param>
    /// <param name="fleet">The fleet options, read when needed (they are validated against this store, so never at construction).</param>
    public ProtectedCredentialStore(
        ICredentialStore fallback,
        IConfiguration configuration,
        string filePath,
        string keyDirectory,
        IDataProtectionProvider protection,
        Func<FleetOptions> fleet,
        IAuditLog audit,
        TimeProvider time,
        ILogger<ProtectedCredentialStore> logger)
    {
        ArgumentNullException.ThrowIfNull(protection);
        _fallback = fallback;
        _configuration = configuration;
        FilePath = filePath;
        _keyDirectory = keyDirectory;
        _protector = protection.CreateProtector(Purpose);
        _fleet = fleet;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after every save or delete (by anyone), outside the lock.</summary>
    public event EventHandler? Changed;

    /// <summary>The credential file.</summary>
    public string FilePath { get; }

    /// <summary>Why the credential file cannot be read; null when it can (or does not exist yet).</summary>
    public string? FileProblem => Current.FileProblem;

    private State Current
    {
        get
        {
            if (_state is { } state)
            {
                return state;
            }

            lock (_loadGate)
            {
                return _state ??= Load();
            }
        }
    }

    public void Dispose() => _writeGate.Dispose();

    public bool Exists(string name) =>
        !string.IsNullOrWhiteSpace(name) && (Current.Entries.ContainsKey(name) || _fallback.Exists(name));

    /// <summary>
    /// The stored credential, else the one that was there before. A stored credential that cannot be decrypted yields
    /// null (it is not replaced by a configured one of the same name: that would hide the problem) and a warning naming it.
    /// </summary>
    public NetworkCredential? Find(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !Current.Entries.TryGetValue(name, out var entry))
        {
            return _fallback.Find(name);
        }

        var (password, problem) = Unprotect(entry.Stored);
        if (password is null)
        {
            _logger.LogWarning("The stored credential {Credential} cannot be used: {Reason}", entry.Stored.Name, problem);
            return null;
        }

        var user = entry.Stored.UserName;
        var slash = user.IndexOf('\\', StringComparison.Ordinal);
        return slash > 0
            ? new NetworkCredential(user[(slash + 1)..], password, user[..slash])
            : new NetworkCredential(user, password);
    }

    /// <summary>Every credential hosts can name: stored ones, then configured ones not hidden by a stored one, by name.</summary>
    public IReadOnlyList<CredentialSummary> List()
    {
        var state = Current;
        var fleet = _fleet();
        var configured = ConfiguredCredentials();
        var stored = state.Entries.Values.Select(e => new CredentialSummary(
            e.Stored.Name, e.Stored.UserName, CredentialSource.Store, e.Stored.UpdatedBy, e.Stored.UpdatedAt, e.Stored.Version,
            CredentialUsage.UsedBy(fleet, e.Stored.Name), e.Problem, configured.ContainsKey(e.Stored.Name)));
        var fromConfiguration = configured.Where(c => !state.Entries.ContainsKey(c.Key)).Select(c => new CredentialSummary(
            c.Key, c.Value, CredentialSource.Configuration, null, null, 0, CredentialUsage.UsedBy(fleet, c.Key), null, false));
        return [.. stored.Concat(fromConfiguration).OrderBy(c => c.Name, CredentialName.Comparer)];
    }

    /// <summary>The credential named <paramref name="name"/>, or null.</summary>
    public CredentialSummary? Get(string name) => List().FirstOrDefault(c => CredentialName.Comparer.Equals(c.Name, name));

    /// <summary>Creates or changes a stored credential.</summary>
    /// <exception cref="JobRejectedException">
    /// Invalid (a field is wrong, each problem naming its field), Conflict (the version is stale: someone saved first; the
    /// sentence says who and when) or Invalid when the credential file cannot be read (nothing is overwritten).
    /// </exception>
    public async Task<CredentialSummary> SaveAsync(CredentialChange change, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var userName = change.UserName?.Trim() ?? string.Empty;
        var errors = new List<string>();
        if (CredentialName.Problem(change.Name) is { } nameProblem)
        {
            errors.Add(nameProblem);
        }

        if (userName.Length == 0)
        {
            errors.Add("userName: is required, e.g. CORP\\svc-hvdash or a local account name.");
        }
        else if (userName.Length > MaxUserNameLength || userName.Any(char.IsControl))
        {
            errors.Add($"userName: must be at most {MaxUserNameLength} characters, without control characters.");
        }

        if (change.Password is { Length: > 1024 })
        {
            errors.Add("password: is longer than 1024 characters.");
        }

        if (errors.Count > 0)
        {
            throw new JobRejectedException(JobRejection.Invalid, string.Join(" ", errors));
        }

        await _writeGate.WaitAsync(cancellationToken);
        CredentialSummary saved;
        try
        {
            var state = ReloadForWrite();
            state.Entries.TryGetValue(change.Name, out var existing);
            CheckVersion(change.Name, existing?.Stored, change.ExpectedVersion, forDelete: false);
            string protectedPassword;
            if (!string.IsNullOrEmpty(change.Password))
            {
                protectedPassword = _protector.Protect(change.Password);
            }
            else if (existing is null)
            {
                throw new JobRejectedException(JobRejection.Invalid, "password: is required for a new credential.");
            }
            else if (existing.Problem is not null)
            {
                throw new JobRejectedException(JobRejection.Invalid,
                    $"password: the stored password of '{existing.Stored.Name}' cannot be decrypted, so it cannot be kept; enter it again.");
            }
            else
            {
                protectedPassword = existing.Stored.ProtectedPassword;
            }

            var stored = new StoredCredential
            {
                // The first spelling of a name stays: hosts may refer to it in any case.
                Name = existing?.Stored.Name ?? change.Name,
                UserName = userName,
                ProtectedPassword = protectedPassword,
                UpdatedBy = user,
                UpdatedAt = _time.GetUtcNow(),
                Version = (existing?.Stored.Version ?? 0) + 1,
            };
            var next = state.Entries.SetItem(stored.Name, new Entry(stored, null));
            await CredentialFile.WriteAsync(FilePath, next.Values.Select(e => e.Stored), cancellationToken);
            _state = state with { Entries = next };
            _logger.LogInformation("Credential {Credential} saved by {User} (version {Version}, password {PasswordChange}).",
                stored.Name, user, stored.Version, string.IsNullOrEmpty(change.Password) ? "kept" : "changed");
            await AuditAsync(user, existing is null ? "CreateCredential" : "UpdateCredential", stored.Name,
                $"credential={stored.Name}; userName={stored.UserName}; version={stored.Version}; password={(string.IsNullOrEmpty(change.Password) ? "kept" : "changed")}",
                existing is null ? "Created." : $"User {existing.Stored.UserName} → {stored.UserName}.", cancellationToken);
            saved = Get(stored.Name)!;
        }
        finally
        {
            _writeGate.Release();
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return saved;
    }

    /// <summary>Deletes a stored credential.</summary>
    /// <exception cref="JobRejectedException">
    /// NotFound, Invalid (it comes from configuration), Conflict (a stale version, or hosts that would lose their only
    /// credential at the next start).
    /// </exception>
    public async Task DeleteAsync(string name, int? expectedVersion, string user, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (CredentialName.Problem(name) is { } nameProblem)
        {
            throw new JobRejectedException(JobRejection.Invalid, nameProblem);
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var state = ReloadForWrite();
            if (!state.Entries.TryGetValue(name, out var existing))
            {
                if (_fallback.Exists(name))
                {
                    throw new JobRejectedException(JobRejection.Invalid,
                        $"The credential '{name}' comes from the configuration ({ConfigurationCredentialStore.SectionName}:{name}); remove it there.");
                }

                throw new JobRejectedException(JobRejection.NotFound, $"No credential named '{name}' is stored.");
            }

            CheckVersion(name, existing.Stored, expectedVersion, forDelete: true);

            // A host naming a credential that exists nowhere stops the next start (the fleet options are checked then).
            var usedBy = CredentialUsage.UsedBy(_fleet(), name);
            if (usedBy.Count > 0 && !_fallback.Exists(name))
            {
                throw new JobRejectedException(JobRejection.Conflict,
                    $"The credential '{existing.Stored.Name}' is used by {string.Join(", ", usedBy)}; point them at another credential first, or the next start would fail.");
            }

            var next = state.Entries.Remove(name);
            await CredentialFile.WriteAsync(FilePath, next.Values.Select(e => e.Stored), cancellationToken);
            _state = state with { Entries = next };
            _logger.LogInformation("Credential {Credential} deleted by {User}.", existing.Stored.Name, user);
            await AuditAsync(user, "DeleteCredential", existing.Stored.Name,
                $"credential={existing.Stored.Name}; version={existing.Stored.Version}", "Deleted.", cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    private static void CheckVersion(string name, StoredCredential? existing, int? expected, bool forDelete)
    {
        if (existing is null)
        {
            if (expected is > 0)
            {
                throw new JobRejectedException(JobRejection.Conflict,
                    $"The credential '{name}' was deleted after you loaded it. Reload the list; nothing was saved.");
            }

            return;
        }

        if (expected is null)
        {
            if (forDelete)
            {
                return;
            }

            throw new JobRejectedException(JobRejection.Conflict,
                $"A credential named '{existing.Name}' already exists (version {existing.Version}, saved by {existing.UpdatedBy} at {existing.UpdatedAt:u}); send expectedVersion {existing.Version} to change it.");
        }

        if (expected != existing.Version)
        {
            throw new JobRejectedException(JobRejection.Conflict,
                $"The credential '{existing.Name}' was changed by {existing.UpdatedBy} at {existing.UpdatedAt:u} after you loaded it (now version {existing.Version}). Reload it and make your change again; nothing was {(forDelete ? "deleted" : "saved")}.");
        }
    }

    /// <summary>Configured credentials (name → user name), as <see cref="ConfigurationCredentialStore"/> sees them.</summary>
    private Dictionary<string, string> ConfiguredCredentials()
    {
        var result = new Dictionary<string, string>(CredentialName.Comparer);
        foreach (var section in _configuration.GetSection(ConfigurationCredentialStore.SectionName).GetChildren())
        {
            if (section["UserName"] is { Length: > 0 } userName && CredentialName.Problem(section.Key) is null)
            {
                result[section.Key] = userName;
            }
        }

        return result;
    }

    /// <summary>The file as it is now (another instance of the dashboard may share the folder); refuses to overwrite an unreadable one.</summary>
    private State ReloadForWrite()
    {
        var state = Load();
        _state = state;
        if (state.FileProblem is { } problem)
        {
            throw new JobRejectedException(JobRejection.Invalid,
                $"{problem} Nothing was saved, so that the credentials it holds are not lost; repair the file or move it away, then try again.");
        }

        return state;
    }

    private State Load()
    {
        var (credentials, problem) = CredentialFile.Read(FilePath);
        if (problem is not null)
        {
            _logger.LogError("Stored host credentials are unavailable: {Problem}", problem);
        }

        var entries = ImmutableDictionary.CreateBuilder<string, Entry>(CredentialName.Comparer);
        foreach (var stored in credentials)
        {
            // Only whether it can be decrypted is kept, never the password.
            var (_, reason) = Unprotect(stored);
            if (reason is not null)
            {
                _logger.LogWarning("The stored credential {Credential} cannot be used: {Reason}", stored.Name, reason);
            }

            entries[stored.Name] = new Entry(stored, reason);
        }

        return new State(entries.ToImmutable(), problem);
    }

    /// <summary>The password, or why it cannot be had. Exceptions are not passed on: their text might quote the payload.</summary>
    private (string? Password, string? Problem) Unprotect(StoredCredential stored)
    {
        if (string.IsNullOrEmpty(stored.ProtectedPassword))
        {
            return (null, $"the credential '{stored.Name}' has no stored password; enter it again.");
        }

        try
        {
            return (_protector.Unprotect(stored.ProtectedPassword), null);
        }
        catch (CryptographicException)
        {
            return (null,
                $"the password of '{stored.Name}' cannot be decrypted: it was protected with a key the key ring in {_keyDirectory} does not hold (the keys were replaced, or the file comes from another installation), or the stored value was altered. Enter the password again.");
        }
        catch (FormatException)
        {
            return (null, $"the stored password of '{stored.Name}' is damaged (not valid ciphertext). Enter the password again.");
        }
    }

    private async Task AuditAsync(string user, string action, string name, string parameters, string detail, CancellationToken cancellationToken)
    {
        try
        {
            await _audit.WriteAsync(new AuditEntry
            {
                At = _time.GetUtcNow(),
                User = user,
                Action = action,
                Target = name,
                Parameters = parameters,
                Outcome = "Completed",
                Detail = detail,
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Could not write the audit entry {Action} for credential {Credential}.", action, name);
        }
    }

    private sealed record Entry(StoredCredential Stored, string? Problem);

    private sealed record State(ImmutableDictionary<string, Entry> Entries, string? FileProblem);
}
