using System.Text.Json;
using System.Text.Json.Serialization;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Policies;
using Microsoft.EntityFrameworkCore;

namespace CheckpointDashboard.Dashboard.Policies;

/// <summary>
/// Checkpoint policies in the store. Reads come from a cached list (compliance is recomputed on every inventory change);
/// every save or delete is checked, versioned, audited, and announced through <see cref="Changed"/>.
/// </summary>
public sealed class PolicyStore(IDbContextFactory<DashboardDbContext> contexts, IAuditLog audit, IUserAccess access, TimeProvider time, ILogger<PolicyStore> logger)
    : IPolicyStore, IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile IReadOnlyList<CheckpointPolicy>? _cache;

    public event EventHandler? Changed;

    public void Dispose() => _writeGate.Dispose();

    public async Task<IReadOnlyList<CheckpointPolicy>> ListAsync(CancellationToken cancellationToken)
    {
        if (_cache is { } cached)
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Policies.AsNoTracking().ToListAsync(cancellationToken);
        var policies = records.Select(ToPolicy).OfType<CheckpointPolicy>()
            .OrderByDescending(p => p.Priority).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
        _cache = policies;
        return policies;
    }

    public async Task<CheckpointPolicy?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(p => p.Id == id);

    public async Task<CheckpointPolicy> SaveAsync(CheckpointPolicy policy, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        await DemandAsync(user, cancellationToken);
        if (policy.Scope is null || policy.Target is null)
        {
            throw new JobRejectedException(JobRejection.Invalid, "A policy needs a scope (which VMs) and a target (which settings).");
        }

        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            throw new JobRejectedException(JobRejection.Invalid, string.Join(" ", errors));
        }

        var name = policy.Name.Trim();
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // Names are unique ignoring case; compared here because SQLite's NOCASE folds ASCII only.
            var others = await db.Policies.AsNoTracking().Where(p => p.Id != policy.Id).Select(p => p.Name).ToListAsync(cancellationToken);
            if (others.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new JobRejectedException(JobRejection.Conflict, $"A policy named '{name}' already exists; choose another name.");
            }

            var record = await db.Policies.FirstOrDefaultAsync(p => p.Id == policy.Id, cancellationToken);
            var created = record is null;
            if (record is null)
            {
                record = new PolicyRecord { Id = policy.Id == Guid.Empty ? Guid.NewGuid() : policy.Id, Version = 0 };
                db.Policies.Add(record);
            }
            else if (record.Version != policy.Version)
            {
                throw new JobRejectedException(JobRejection.Conflict,
                    $"The policy '{record.Name}' was changed by {record.UpdatedBy} at {record.UpdatedAt:u} after you loaded it. Reload it and make your change again; nothing was saved.");
            }

            var before = created ? null : Describe(ToPolicy(record));
            record.Name = name;
            record.Description = string.IsNullOrWhiteSpace(policy.Description) ? null : policy.Description.Trim();
            record.ScopeJson = JsonSerializer.Serialize(policy.Scope, s_json);
            record.TargetType = policy.Target.CheckpointType;
            record.TargetAutomatic = policy.Target.AutomaticCheckpoints;
            record.Priority = policy.Priority;
            record.Enabled = policy.Enabled;
            record.UpdatedAt = time.GetUtcNow();
            record.UpdatedBy = user;
            record.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new JobRejectedException(JobRejection.Conflict, $"The policy '{name}' was changed at the same time by someone else. Reload it; nothing was saved.");
            }

            var saved = ToPolicy(record)!;
            await AuditAsync(user, created ? "CreatePolicy" : "UpdatePolicy", saved, before is null ? Describe(saved) : $"{before} → {Describe(saved)}", cancellationToken);
            return saved;
        }
        finally
        {
            _cache = null;
            _writeGate.Release();
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    public async Task DeleteAsync(Guid id, string user, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        await DemandAsync(user, cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var record = await db.Policies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ??
                throw new JobRejectedException(JobRejection.NotFound, $"No policy with id {id}.");
            db.Policies.Remove(record);
            await db.SaveChangesAsync(cancellationToken);
            if (ToPolicy(record) is { } deleted)
            {
                await AuditAsync(user, "DeletePolicy", deleted, Describe(deleted), cancellationToken);
            }
        }
        finally
        {
            _cache = null;
            _writeGate.Release();
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    private CheckpointPolicy? ToPolicy(PolicyRecord record)
    {
        VmSelector? scope;
        try
        {
            scope = JsonSerializer.Deserialize<VmSelector>(record.ScopeJson, s_json);
        }
        catch (JsonException ex)
        {
            logger.LogError(ex, "The stored scope of policy {PolicyId} ('{Name}') cannot be read; the policy is left out.", record.Id, record.Name);
            return null;
        }

        return new CheckpointPolicy
        {
            Id = record.Id,
            Name = record.Name,
            Description = record.Description,
            Scope = scope ?? VmSelector.All,
            Target = new CheckpointSettingsTarget(record.TargetType, record.TargetAutomatic),
            Priority = record.Priority,
            Enabled = record.Enabled,
            UpdatedAt = record.UpdatedAt,
            UpdatedBy = record.UpdatedBy,
            Version = record.Version,
        };
    }

    private static string Describe(CheckpointPolicy? policy) => policy is null
        ? "(unreadable)"
        : $"{policy.Scope.Describe()} must be {policy.Target.Describe()} (priority {policy.Priority}{(policy.Enabled ? string.Empty : ", disabled")})";

    private async Task AuditAsync(string user, string action, CheckpointPolicy policy, string detail, CancellationToken cancellationToken)
    {
        try
        {
            await audit.WriteAsync(new AuditEntry
            {
                At = time.GetUtcNow(),
                User = user,
                Action = action,
                Target = policy.Name,
                Parameters = $"policy={policy.Id}; version={policy.Version}",
                Outcome = "Completed",
                Detail = detail,
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not write the audit entry {Action} for policy {PolicyId}.", action, policy.Id);
        }
    }

    /// <summary>Policies are fleet-wide: changing them needs the ManagePolicies right without a scope limit.</summary>
    private async Task DemandAsync(string user, CancellationToken cancellationToken)
    {
        if (!await access.AllowsAsync(user, Right.ManagePolicies, cluster: null, host: null, cancellationToken))
        {
            throw await AccessDenial.AuditAsync(audit, time, user, "ChangePolicy", $"{user} may not change policies: it needs the ManagePolicies right over the whole fleet.", cancellationToken);
        }
    }
}
