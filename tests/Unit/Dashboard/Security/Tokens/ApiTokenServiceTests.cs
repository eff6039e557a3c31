using System.Security.Cryptography;
using CheckpointDashboard.Dashboard.Security.Tokens;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security.Tokens;

/// <summary>
/// The token service on the real store: only a hash is kept, the list never carries the token, revocation is the
/// owner's or an administrator's, create and revoke are audited without the token, and the last use is written at most
/// once a minute.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class ApiTokenServiceTests(TokenAppFixture app) : IClassFixture<TokenAppFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_StoresOnlyTheHashOfTheSecret_AndTheListNeverCarriesTheToken()
    {
        var created = await app.CreateAsync(TokenAppFixture.Operator, "nightly backup");

        Assert.Matches("^cpd_[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}$", created.Token);
        Assert.Equal(created.Token[..8], created.Info.Prefix);
        await using var db = await app.StoreAsync();
        var row = await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == created.Info.Id, Token);
        var secret = created.Token[(created.Token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        Assert.Equal(SHA256.HashData(System.Buffers.Text.Base64Url.DecodeFromChars(secret)), row.Hash);
        var stored = $"{row.Name}|{row.Prefix}|{row.UserId}|{row.RevokedBy}|{Convert.ToBase64String(row.Hash)}|{System.Text.Encoding.UTF8.GetString(row.Hash)}";
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.Equal(ApiTokenService.DefaultLifetime, row.ExpiresAt - row.CreatedAt);

        var listed = Assert.Single(await app.Tokens.ListAsync(TokenAppFixture.Operator, Token), t => t.Id == created.Info.Id);
        Assert.Equal("nightly backup", listed.Name);
        Assert.DoesNotContain(secret, listed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, created.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 90)]
    [InlineData("a name that is far too long for a token, longer than sixty-four characters", 90)]
    [InlineData("fine", 0)]
    [InlineData("fine", 366)]
    public async Task Create_RefusesABadNameOrLifetime(string name, int days)
    {
        var refused = await Assert.ThrowsAsync<ApiTokenException>(() => app.Tokens.CreateAsync(TokenAppFixture.Operator, name, TimeSpan.FromDays(days), Token));

        Assert.NotEmpty(refused.Message);
    }

    [Fact]
    public async Task Revoke_ByAnotherUser_IsRefusedAndAudited_ByAnAdministrator_Works()
    {
        var created = await app.CreateAsync(TokenAppFixture.Operator);

        await Assert.ThrowsAsync<ApiTokenException>(() => app.Tokens.RevokeAsync(created.Info.Id, TokenAppFixture.Viewer, Token));
        Assert.True((await app.Tokens.ValidateAsync(created.Token, Token)).Succeeded);
        await app.Tokens.RevokeAsync(created.Info.Id, TestAuthentication.DefaultUser, Token).WaitAsync(TestTimeouts.Short, Token);

        var listed = Assert.Single(await app.Tokens.ListAsync(TokenAppFixture.Operator, Token), t => t.Id == created.Info.Id);
        Assert.Equal(TestAuthentication.DefaultUser, listed.RevokedBy);
        Assert.Equal(ApiTokenState.Revoked, listed.StateAt(DateTimeOffset.UtcNow));
        var audit = (await app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(), Token))
            .Where(e => e.Parameters?.Contains($"id={created.Info.Id}", StringComparison.Ordinal) == true).ToList();
        Assert.Contains(audit, e => e.Action == "CreateApiToken" && e.User == TokenAppFixture.Operator && e.Outcome == "Completed");
        Assert.Contains(audit, e => e.Action == "RevokeApiToken" && e.User == TokenAppFixture.Viewer && e.Outcome == "Denied");
        Assert.Contains(audit, e => e.Action == "RevokeApiToken" && e.User == TestAuthentication.DefaultUser && e.Outcome == "Completed" &&
            e.Parameters!.Contains($"owner={TokenAppFixture.Operator}", StringComparison.Ordinal));
        var secret = created.Token[(created.Token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        Assert.All(audit, e => Assert.DoesNotContain(secret, $"{e.Target} {e.Parameters} {e.Detail}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_WritesTheLastUseAtMostOnceAMinute()
    {
        var created = await app.CreateAsync(TokenAppFixture.Viewer);
        Assert.True((await app.Tokens.ValidateAsync(created.Token, Token)).Succeeded);
        var first = await LastUsedAsync(created.Info.Id);
        Assert.NotNull(first);

        var recently = DateTimeOffset.UtcNow.AddSeconds(-20);
        await SetLastUsedAsync(created.Info.Id, recently);
        Assert.True((await app.Tokens.ValidateAsync(created.Token, Token)).Succeeded);
        Assert.Equal(recently, await LastUsedAsync(created.Info.Id));

        var longAgo = DateTimeOffset.UtcNow.AddMinutes(-2);
        await SetLastUsedAsync(created.Info.Id, longAgo);
        Assert.True((await app.Tokens.ValidateAsync(created.Token, Token)).Succeeded);
        Assert.True(await LastUsedAsync(created.Info.Id) > longAgo.AddMinutes(1));
    }

    [Fact]
    public async Task Logs_NeverContainATokenOrItsSecret_AfterCreateUseRevokeAndFailure()
    {
        var created = await app.CreateAsync(TokenAppFixture.Operator, "log check");
        var secret = created.Token[(created.Token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var wrong = string.Concat(created.Token.AsSpan(0, created.Token.Length - 10), created.Token[^10] == 'A' ? "B" : "A", created.Token.AsSpan(created.Token.Length - 9));
        var wrongSecret = wrong[(wrong.IndexOf('.', StringComparison.Ordinal) + 1)..];

        using (var client = app.Client(created.Token))
        {
            await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
            await client.PostAsync(new Uri($"/hubs/jobs/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(created.Token)}", UriKind.Relative), null, Token)
                .WaitAsync(TestTimeouts.Long, Token);
        }

        using (var client = app.Client(wrong))
        {
            await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        }

        await app.Tokens.RevokeAsync(created.Info.Id, TokenAppFixture.Operator, Token).WaitAsync(TestTimeouts.Short, Token);
        using (var client = app.Client(created.Token))
        {
            await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        }

        var lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.Contains($"Created API token {created.Info.Id}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Refused API token {created.Info.Id}: revoked", StringComparison.Ordinal));
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            Assert.DoesNotContain(wrongSecret, line, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(secret), line, StringComparison.Ordinal);
        });
    }

    private async Task<DateTimeOffset?> LastUsedAsync(Guid id)
    {
        await using var db = await app.StoreAsync();
        return await db.ApiTokens.AsNoTracking().Where(t => t.Id == id).Select(t => t.LastUsedAt).SingleAsync(Token);
    }

    private async Task SetLastUsedAsync(Guid id, DateTimeOffset at)
    {
        await using var db = await app.StoreAsync();
        var row = await db.ApiTokens.SingleAsync(t => t.Id == id, Token);
        row.LastUsedAt = at;
        await db.SaveChangesAsync(Token);
    }
}
