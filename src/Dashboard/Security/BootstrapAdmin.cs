using System.Security.Cryptography;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Security;

/// <summary>
/// At start (after the store is migrated): makes sure the built-in roles exist, and when there is no user at all creates
/// the first administrator, from <c>Auth:BootstrapAdmin</c> when configured, or else as <c>admin</c> with a generated
/// one-time password written once to the console (never to the log) and to be changed at first sign-in.
/// </summary>
public sealed class BootstrapAdmin(
    IServiceProvider services,
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<AuthOptions> options,
    IAuditLog audit,
    TimeProvider time,
    ILogger<BootstrapAdmin> logger) : IHostedService
{
    public const string DefaultUserName = "admin";

    /// <summary>Where the one-time password is written; the console unless a test says otherwise.</summary>
    public static TextWriter Console { get; set; } = System.Console.Out;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureRolesAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var configured = options.Value.BootstrapAdmin;
        var generated = string.IsNullOrEmpty(configured.Password);
        var userName = string.IsNullOrWhiteSpace(configured.UserName) ? DefaultUserName : configured.UserName.Trim();
        var password = generated ? GeneratePassword() : configured.Password!;
        var user = new DashboardUser { UserName = userName, MustChangePassword = generated, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                $"Auth:BootstrapAdmin: the first administrator '{userName}' could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.RoleAssignments.Add(new RoleAssignmentRecord { Id = Guid.NewGuid(), UserId = user.Id, RoleName = BuiltInRoles.Administrator });
            await db.SaveChangesAsync(cancellationToken);
        }

        await audit.WriteAsync(new Shared.Audit.AuditEntry
        {
            At = time.GetUtcNow(),
            User = "system",
            Action = "CreateUser",
            Target = userName,
            Parameters = $"role={BuiltInRoles.Administrator}; source={(generated ? "generated" : "Auth:BootstrapAdmin")}",
            Outcome = "Completed",
        }, cancellationToken);
        if (generated)
        {
            // Once, to the console only: a log sink may be shipped elsewhere; the password is useless after first sign-in.
            await Console.WriteLineAsync(
                $"{Environment.NewLine}CheckpointDashboard: first sign-in as '{userName}' with the one-time password {password}{Environment.NewLine}" +
                $"(you will be asked to choose a new password; this is shown only once){Environment.NewLine}");
            logger.LogWarning("Created the first administrator {User} with a one-time password, written once to the console", userName);
        }
        else
        {
            logger.LogInformation("Created the first administrator {User} from Auth:BootstrapAdmin", userName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = await db.Roles.ToDictionaryAsync(r => r.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var (name, rights, description) in BuiltInRoles.All)
        {
            if (known.TryGetValue(name, out var role))
            {
                (role.Rights, role.BuiltIn, role.Description) = ((int)rights, true, description);
            }
            else
            {
                db.Roles.Add(new RoleRecord { Name = name, Rights = (int)rights, BuiltIn = true, Description = description });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>20 characters from an alphabet without look-alikes, with every class the password rules ask for.</summary>
    private static string GeneratePassword()
    {
        const string Letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string Digits = "23456789";
        var chars = RandomNumberGenerator.GetItems<char>(Letters + Digits, 16).ToList();
        chars.AddRange(RandomNumberGenerator.GetItems<char>("abcdefghijkmnpqrstuvwxyz", 1));
        chars.AddRange(RandomNumberGenerator.GetItems<char>("ABCDEFGHJKLMNPQRSTUVWXYZ", 1));
        chars.AddRange(RandomNumberGenerator.GetItems<char>(Digits, 1));
        chars.AddRange(RandomNumberGenerator.GetItems<char>("-_.!", 1));
        var shuffled = chars.ToArray();
        RandomNumberGenerator.Shuffle<char>(shuffled);
        return new string(shuffled);
    }
}
