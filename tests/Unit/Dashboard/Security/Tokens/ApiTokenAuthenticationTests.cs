using System.Net;
using System.Text.Json;
using CheckpointDashboard.Dashboard.Security.Tokens;
using CheckpointDashboard.Dashboard.Store;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security.Tokens;

/// <summary>
/// <c>Authorization: Bearer cpd_…</c> on the real app's API and hub: a token acts as its owner with the owner's rights,
/// and every token that opens nothing (expired, revoked, wrong, malformed, unknown, its user gone) gets 401 with a
/// sentence, never a redirect.
/// </summary>
[Collection(DashboardHostCollection.Name)]
public sealed class ApiTokenAuthenticationTests(TokenAppFixture app) : IClassFixture<TokenAppFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidToken_ReadsTheApiAndStartsJobs_AsItsOwner()
    {
        var created = await app.CreateAsync(TokenAppFixture.Operator);
        using var client = app.Client(created.Token);
        var vm = app.Snapshot.Vms.First(v => v.StaleSince is null);

        var list = await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        var job = await client.PostAsJsonAsync(new Uri($"/api/v1/vms/{vm.Id}/checkpoints", UriKind.Relative), new { name = "by token" }, Token)
            .WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, job.StatusCode);
        using var json = JsonDocument.Parse(await job.Content.ReadAsStringAsync(Token));
        Assert.Equal(TokenAppFixture.Operator, json.RootElement.GetProperty("requestedBy").GetString());
        var audit = await app.Services.GetRequiredService<IAuditLog>()
            .QueryAsync(new AuditQuery { Action = "CreateCheckpoint", User = TokenAppFixture.Operator }, Token).WaitAsync(TestTimeouts.Short, Token);
        Assert.Contains(audit, e => e.VmId == vm.Id);
    }

    [Fact]
    public async Task ViewerToken_PostNeedingCreateCheckpoint_Is403()
    {
        var created = await app.CreateAsync(TokenAppFixture.Viewer);
        using var client = app.Client(created.Token);
        var vm = app.Snapshot.Vms.First(v => v.StaleSince is null);

        var read = await client.GetAsync(new Uri("/api/v1/jobs", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        var write = await client.PostAsJsonAsync(new Uri($"/api/v1/vms/{vm.Id}/checkpoints", UriKind.Relative), new { name = "not allowed" }, Token)
            .WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        var audit = await app.Services.GetRequiredService<IAuditLog>()
            .QueryAsync(new AuditQuery { Action = "Access", User = TokenAppFixture.Viewer }, Token).WaitAsync(TestTimeouts.Short, Token);
        Assert.Contains(audit, e => e.Outcome == "Denied" && e.Parameters == "needs=CreateCheckpoint");
    }

    [Theory]
    [InlineData("expired", ApiTokenValidation.Expired)]
    [InlineData("revoked", ApiTokenValidation.Revoked)]
    [InlineData("wrong secret", ApiTokenValidation.NotRecognised)]
    [InlineData("malformed", ApiTokenValidation.NotRecognised)]
    [InlineData("unknown id", ApiTokenValidation.NotRecognised)]
    [InlineData("not ours", ApiTokenValidation.NotRecognised)]
    public async Task Token_ThatOpensNothing_Is401WithTheSentence(string kind, string sentence)
    {
        var presented = await PresentedAsync(kind);
        using var client = app.Client(presented);

        var response = await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(sentence, json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task NoToken_OnTheApi_Is401WithoutARedirect_AndPagesStillRedirectToSignIn()
    {
        using var client = app.Client(token: null);

        var api = await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        var page = await client.GetAsync(new Uri("/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Null(api.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/signin", page.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockedOutOrDeletedUser_TheirTokensStopWorking()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var locked = new DashboardUser { UserName = "token-locked" };
        var deleted = new DashboardUser { UserName = "token-deleted" };
        Assert.True((await users.CreateAsync(locked, "Token-password-123")).Succeeded);
        Assert.True((await users.CreateAsync(deleted, "Token-password-123")).Succeeded);
        var lockedToken = await app.CreateAsync(locked.UserName);
        var deletedToken = await app.CreateAsync(deleted.UserName);
        Assert.True((await app.Tokens.ValidateAsync(lockedToken.Token, Token)).Succeeded);

        await users.SetLockoutEndDateAsync(locked, DateTimeOffset.UtcNow.AddHours(1));
        await users.DeleteAsync(deleted);

        Assert.Equal(ApiTokenValidation.UserCannotSignIn, (await app.Tokens.ValidateAsync(lockedToken.Token, Token)).Failure);
        Assert.Equal(ApiTokenValidation.NotRecognised, (await app.Tokens.ValidateAsync(deletedToken.Token, Token)).Failure);
        using var client = app.Client(lockedToken.Token);
        var response = await client.GetAsync(new Uri("/api/v1/vms", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Hub_TokenAsAccessTokenProvider_Connects_RevokedTokenIsRefused()
    {
        var created = await app.CreateAsync(TokenAppFixture.Viewer);

        await using (var connection = await ConnectAsync(created.Token))
        {
            var active = await connection.InvokeAsync<JsonElement>("GetActiveJobs", Token).WaitAsync(TestTimeouts.Short, Token);
            Assert.Equal(JsonValueKind.Array, active.ValueKind);
        }

        await app.Tokens.RevokeAsync(created.Info.Id, TokenAppFixture.Viewer, Token).WaitAsync(TestTimeouts.Short, Token);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(created.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task AccessTokenQuery_IsAcceptedUnderHubsOnly()
    {
        var created = await app.CreateAsync(TokenAppFixture.Viewer);
        using var client = app.Client(token: null);
        var query = Uri.EscapeDataString(created.Token);

        var hub = await client.PostAsync(new Uri($"/hubs/jobs/negotiate?negotiateVersion=1&access_token={query}", UriKind.Relative), null, Token)
            .WaitAsync(TestTimeouts.Long, Token);
        var api = await client.GetAsync(new Uri($"/api/v1/vms?access_token={query}", UriKind.Relative), Token).WaitAsync(TestTimeouts.Long, Token);

        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    /// <summary>A token of the kind named, which must open nothing.</summary>
    private async Task<string> PresentedAsync(string kind)
    {
        var created = await app.CreateAsync(TokenAppFixture.Operator, kind);
        switch (kind)
        {
            case "expired":
                await using (var db = await app.StoreAsync())
                {
                    var row = await db.ApiTokens.SingleAsync(t => t.Id == created.Info.Id, Token);
                    row.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
                    await db.SaveChangesAsync(Token);
                }

                return created.Token;
            case "revoked":
                await app.Tokens.RevokeAsync(created.Info.Id, TokenAppFixture.Operator, Token).WaitAsync(TestTimeouts.Short, Token);
                return created.Token;
            case "wrong secret":
                // One character changed inside the secret (not the last, whose low bits are padding).
                var at = created.Token.Length - 10;
                return string.Concat(created.Token.AsSpan(0, at), created.Token[at] == 'A' ? "B" : "A", created.Token.AsSpan(at + 1));
            case "malformed":
                return created.Token[..^1];
            case "unknown id":
                return ApiTokenFormat.Create().Token;
            default:
                return "eyJhbGciOiJIUzI1NiJ9.e30.signature";
        }
    }

    private async Task<HubConnection> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, "/hubs/jobs"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .Build();
        try
        {
            await connection.StartAsync(Token).WaitAsync(TestTimeouts.Long, Token);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
