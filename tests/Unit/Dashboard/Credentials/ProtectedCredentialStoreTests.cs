using System.Text;
using System.Text.Json.Nodes;
using CheckpointDashboard.Dashboard.Credentials;
using CheckpointDashboard.HostConnector.Fleet;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Credentials;

/// <summary>Stored host credentials: encrypted at rest, read back with the same keys only, layered over configuration, versioned.</summary>
public sealed class ProtectedCredentialStoreTests : IDisposable
{
    private readonly CredentialStoreHarness _harness = new(new Dictionary<string, string?>
    {
        ["Credentials:fromconfig:UserName"] = @"CORP\svc-config",
        ["Credentials:fromconfig:Password"] = "config-password",
        ["Credentials:shared:UserName"] = "config-user",
        ["Credentials:shared:Password"] = "config-shared-password",
    });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ProtectedCredentialStore Store => _harness.Store;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Save_WritesAFileWithoutThePasswordInAnyEncoding()
    {
        await SaveAsync("hyperv", @"CORP\svc-hvdash", CredentialStoreHarness.Secret);

        var bytes = await File.ReadAllBytesAsync(_harness.FilePath, Token).WaitAsync(TestTimeouts.Short, Token);
        Assert.NotEmpty(bytes);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(CredentialStoreHarness.Secret)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(CredentialStoreHarness.Secret)));
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(CredentialStoreHarness.Secret)), Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var entry = JsonNode.Parse(bytes)!["credentials"]![0]!;
        Assert.Equal("hyperv", (string?)entry["name"]);
        Assert.Equal(@"CORP\svc-hvdash", (string?)entry["userName"]);
        Assert.False(string.IsNullOrEmpty((string?)entry["protectedPassword"]));
        Assert.Equal("alice", (string?)entry["updatedBy"]);
        Assert.Equal(1, (int?)entry["version"]);
    }

    [Fact]
    public async Task Find_ASecondStoreWithTheSameKeyDirectory_ReadsThePasswordBack()
    {
        await SaveAsync("hyperv", @"CORP\svc-hvdash", CredentialStoreHarness.Secret);

        using var restarted = _harness.NewStore(_harness.KeyDirectory);
        var credential = restarted.Find("HYPERV");

        Assert.NotNull(credential);
        Assert.Equal("svc-hvdash", credential.UserName);
        Assert.Equal("CORP", credential.Domain);
        Assert.Equal(CredentialStoreHarness.Secret, credential.Password);
        Assert.True(Assert.Single(restarted.List(), c => c.Source == CredentialSource.Store).Usable);
    }

    [Fact]
    public async Task Find_AStoreWithAnotherKeyRing_ReportsTheCredentialUnusableWithAReason()
    {
        await SaveAsync("hyperv", "svc", CredentialStoreHarness.Secret);

        using var elsewhere = _harness.NewStore(Path.Combine(_harness.Folder, "other-keys"));

        Assert.True(elsewhere.Exists("hyperv"));
        Assert.Null(elsewhere.Find("hyperv"));
        var summary = Assert.Single(elsewhere.List(), c => c.Name == "hyperv");
        Assert.False(summary.Usable);
        Assert.Contains("the password of 'hyperv' cannot be decrypted", summary.Problem, StringComparison.Ordinal);
        Assert.Contains("Enter the password again", summary.Problem, StringComparison.Ordinal);
        Assert.Contains(_harness.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("hyperv cannot be used", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Find_AnAlteredCiphertext_ReportsTheCredentialUnusableAndNeverLogsTheCiphertext()
    {
        await SaveAsync("hyperv", "svc", CredentialStoreHarness.Secret);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(_harness.FilePath, Token).WaitAsync(TestTimeouts.Short, Token))!;
        var ciphertext = (string)file["credentials"]![0]!["protectedPassword"]!;
        var altered = ciphertext[..^6] + (ciphertext[^6] == 'A' ? 'B' : 'A') + ciphertext[^5..];
        file["credentials"]![0]!["protectedPassword"] = altered;
        await File.WriteAllTextAsync(_harness.FilePath, file.ToJsonString(), Token).WaitAsync(TestTimeouts.Short, Token);

        using var reloaded = _harness.NewStore(_harness.KeyDirectory);

        Assert.Null(reloaded.Find("hyperv"));
        Assert.False(Assert.Single(reloaded.List(), c => c.Name == "hyperv").Usable);
        Assert.DoesNotContain(_harness.Logs.Lines, l => l.Contains(altered, StringComparison.Ordinal) || l.Contains(ciphertext, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_KeepingThePasswordOfAnUndecryptableCredential_IsRefusedAndANewPasswordRepairsIt()
    {
        await SaveAsync("hyperv", "svc", CredentialStoreHarness.Secret);
        using var elsewhere = _harness.NewStore(Path.Combine(_harness.Folder, "other-keys"));

        var refused = await Assert.ThrowsAsync<JobRejectedException>(() =>
            elsewhere.SaveAsync(new CredentialChange("hyperv", "svc", null, 1), "bob", Token).WaitAsync(TestTimeouts.Short, Token));
        await elsewhere.SaveAsync(new CredentialChange("hyperv", "svc", "new-password", 1), "bob", Token).WaitAsync(TestTimeouts.Short, Token);

        Assert.Equal(JobRejection.Invalid, refused.Reason);
        Assert.StartsWith("password: the stored password of 'hyperv' cannot be decrypted", refused.Message, StringComparison.Ordinal);
        Assert.Equal("new-password", elsewhere.Find("hyperv")?.Password);
    }

    [Fact]
    public async Task List_ADamagedFile_ReportsItAndSavingIsRefusedSoNothingIsOverwritten()
    {
        await File.WriteAllTextAsync(_harness.FilePath, "{ \"credentials\": [ { \"name\": ", Token).WaitAsync(TestTimeouts.Short, Token);

        using var store = _harness.NewStore(_harness.KeyDirectory);
        var refused = await Assert.ThrowsAsync<JobRejectedException>(() =>
            store.SaveAsync(new CredentialChange("hyperv", "svc", "x", null), "alice", Token).WaitAsync(TestTimeouts.Short, Token));

        Assert.Contains("is not valid", store.FileProblem, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", refused.Message, StringComparison.Ordinal);
        Assert.Equal("{ \"credentials\": [ { \"name\": ", await File.ReadAllTextAsync(_harness.FilePath, Token).WaitAsync(TestTimeouts.Short, Token));
        Assert.Equal("config-password", store.Find("fromconfig")?.Password);
    }

    [Fact]
    public async Task Find_LayersStoredCredentialsOverConfiguredOnes()
    {
        await SaveAsync("shared", "stored-user", CredentialStoreHarness.Secret);

        Assert.Equal("config-password", Store.Find("fromconfig")?.Password);
        Assert.Equal("svc-config", Store.Find("fromconfig")?.UserName);
        Assert.Equal(CredentialStoreHarness.Secret, Store.Find("shared")?.Password);
        Assert.Equal("stored-user", Store.Find("shared")?.UserName);
        Assert.Null(Store.Find("nowhere"));
        Assert.False(Store.Exists("nowhere"));
        Assert.True(Store.Exists("fromconfig"));

        var list = Store.List();
        Assert.Equal(["fromconfig", "shared"], list.Select(c => c.Name));
        Assert.Equal(CredentialSource.Configuration, list[0].Source);
        Assert.Equal(@"CORP\svc-config", list[0].UserName);
        Assert.Equal(CredentialSource.Store, list[1].Source);
        Assert.True(list[1].OverridesConfiguration);
    }

    [Fact]
    public async Task Delete_AStoredOverride_BringsTheConfiguredCredentialBack()
    {
        var saved = await SaveAsync("shared", "stored-user", CredentialStoreHarness.Secret);

        await Store.DeleteAsync("shared", saved.Version, "alice", Token).WaitAsync(TestTimeouts.Short, Token);

        Assert.Equal("config-shared-password", Store.Find("shared")?.Password);
        Assert.Equal(CredentialSource.Configuration, Assert.Single(Store.List(), c => c.Name == "shared").Source);
        var audit = _harness.Audit.Written[^1];
        Assert.Equal(("DeleteCredential", "shared", "alice"), (audit.Action, audit.Target, audit.User));
    }

    [Fact]
    public async Task Save_WithTheVersionRead_SavesTheNextVersionAndKeepsAnEmptyPassword()
    {
        var first = await SaveAsync("hyperv", "svc", CredentialStoreHarness.Secret);
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await Store.SaveAsync(new CredentialChange("hyperv", "svc2", string.Empty, first.Version), "bob", Token).WaitAsync(TestTimeouts.Short, Token);

        Assert.Equal(2, second.Version);
        Assert.Equal("bob", second.UpdatedBy);
        Assert.Equal(_harness.Clock.GetUtcNow(), second.UpdatedAt);
        Assert.Equal("svc2", Store.Find("hyperv")?.UserName);
        Assert.Equal(CredentialStoreHarness.Secret, Store.Find("hyperv")?.Password);
        Assert.Contains("password=kept", _harness.Audit.Written[^1].Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_WithAStaleVersion_IsRefusedNamingWhoChangedIt()
    {
        await SaveAsync("hyperv", "svc", CredentialStoreHarness.Secret);
        await Store.SaveAsync(new CredentialChange("hyperv", "svc", "second", 1), "bob", Token).WaitAsync(TestTimeouts.Short, Token);

        var refused = await Assert.ThrowsAsync<JobRejectedException>(() =>
            Store.SaveAsync(new CredentialChange("hyperv", "mallory", "third", 1), "carol", Token).WaitAsync(TestTimeouts.Short, Token));

        Assert.Equal(JobRejection.Conflict, refused.Reason);
        Assert.StartsWith("The credential 'hyperv' was changed by bob at 2025-03-01 12:00:00Z after you loaded it (now version 2).", refused.Message, StringComparison.Ordinal);
        Assert.Equal("second", Store.Find("hyperv")?.Password);
    }

    [Fact]
    public async Task Save_ANewCredentialOverAnExistingOneWithoutAVersion_IsRefused()
    {
        await SaveAsync("hyperv", "svc", CredentialStoreHarness.Secret);

        var refused = await Assert.ThrowsAsync<JobRejectedException>(() =>
            Store.SaveAsync(new CredentialChange("HyperV", "other", "x", null), "bob", Token).WaitAsync(TestTimeouts.Short, Token));

        Assert.Equal(JobRejection.Conflict, refused.Reason);
        Assert.Contains("send expectedVersion 1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ConcurrentEditsFromTheSameVersion_OnlyOneWins()
    {
        await SaveAsync("hyperv", "svc", CredentialStoreHarness.Secret);

        var attempts = Enumerable.Range(0, 8).Select(i =>
            Store.SaveAsync(new CredentialChange("hyperv", $"user{i}", $"pw{i}", 1), $"admin{i}", Token)).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                await a;
                return true;
            }
            catch (JobRejectedException)
            {
                return false;
            }
        })).WaitAsync(TestTimeouts.Short, Token);

        Assert.Single(outcomes, o => o);
        Assert.Equal(2, Assert.Single(Store.List(), c => c.Name == "hyperv").Version);
    }

    [Theory]
    [InlineData("", "name: is required")]
    [InlineData("has space", "name: ' ' is not allowed")]
    [InlineData("semi;colon", "name: ';' is not allowed")]
    [InlineData("__simulator", "name: '__simulator' is reserved")]
    [InlineData("KeyCertificate", "name: 'KeyCertificate' is reserved")]
    public async Task Save_ABadName_IsRefusedNamingTheField(string name, string expected)
    {
        var refused = await Assert.ThrowsAsync<JobRejectedException>(() =>
            Store.SaveAsync(new CredentialChange(name, "svc", "x", null), "alice", Token).WaitAsync(TestTimeouts.Short, Token));

        Assert.Equal(JobRejection.Invalid, refused.Reason);
        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.FilePath));
    }

    [Fact]
    public void Name_SixtyFourAllowedCharacters_IsAcceptedAndSixtyFiveAreNot()
    {
        Assert.Null(CredentialName.Problem(new string('a', 60) + "._-9"));
        Assert.Equal("name: is 65 characters long; at most 64 are allowed.", CredentialName.Problem(new string('a', 65)));
    }

    [Fact]
    public async Task Save_NoUserNameAndNoPassword_IsRefusedNamingBothFields()
    {
        var missingUser = await Assert.ThrowsAsync<JobRejectedException>(() =>
            Store.SaveAsync(new CredentialChange("hyperv", " ", "x", null), "alice", Token).WaitAsync(TestTimeouts.Short, Token));
        var missingPassword = await Assert.ThrowsAsync<JobRejectedException>(() =>
            Store.SaveAsync(new CredentialChange("hyperv", "svc", null, null), "alice", Token).WaitAsync(TestTimeouts.Short, Token));

        Assert.StartsWith("userName: is required", missingUser.Message, StringComparison.Ordinal);
        Assert.Equal("password: is required for a new credential.", missingPassword.Message);
    }

    [Fact]
    public async Task Delete_ACredentialHostsUseWithNoConfiguredFallback_IsRefusedNamingThem()
    {
        var saved = await SaveAsync("hyperv", "svc", CredentialStoreHarness.Secret);
        _harness.Fleet.Hosts.Add(new FleetHostOptions { Name = "HV01", Credential = "hyperv" });
        _harness.Fleet.Clusters.Add(new FleetClusterOptions { Name = "PROD", Credential = "HYPERV" });

        var refused = await Assert.ThrowsAsync<JobRejectedException>(() =>
            Store.DeleteAsync("hyperv", saved.Version, "alice", Token).WaitAsync(TestTimeouts.Short, Token));

        Assert.Equal(JobRejection.Conflict, refused.Reason);
        Assert.StartsWith("The credential 'hyperv' is used by HV01, PROD (cluster);", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["HV01", "PROD (cluster)"], Assert.Single(Store.List(), c => c.Name == "hyperv").UsedBy);
    }

    [Fact]
    public async Task Delete_AConfiguredOrUnknownCredential_IsRefusedWithTheReason()
    {
        var configured = await Assert.ThrowsAsync<JobRejectedException>(() =>
            Store.DeleteAsync("fromconfig", null, "alice", Token).WaitAsync(TestTimeouts.Short, Token));
        var unknown = await Assert.ThrowsAsync<JobRejectedException>(() =>
            Store.DeleteAsync("nowhere", null, "alice", Token).WaitAsync(TestTimeouts.Short, Token));

        Assert.Equal(JobRejection.Invalid, configured.Reason);
        Assert.Equal("The credential 'fromconfig' comes from the configuration (Credentials:fromconfig); remove it there.", configured.Message);
        Assert.Equal(JobRejection.NotFound, unknown.Reason);
    }

    [Fact]
    public async Task SaveAndDelete_AuditAndLogTheNameAndUserButNeverThePassword()
    {
        var saved = await SaveAsync("hyperv", @"CORP\svc", CredentialStoreHarness.Secret);
        await Store.SaveAsync(new CredentialChange("hyperv", @"CORP\svc", CredentialStoreHarness.Secret + "2", saved.Version), "bob", Token)
            .WaitAsync(TestTimeouts.Short, Token);
        await Store.DeleteAsync("hyperv", 2, "bob", Token).WaitAsync(TestTimeouts.Short, Token);

        Assert.Equal(["CreateCredential", "UpdateCredential", "DeleteCredential"], _harness.Audit.Written.Select(e => e.Action));
        Assert.All(_harness.Audit.Written, e => Assert.Equal("hyperv", e.Target));
        Assert.Equal(["alice", "bob", "bob"], _harness.Audit.Written.Select(e => e.User));
        Assert.DoesNotContain(_harness.Audit.Written, e => $"{e.Parameters} {e.Detail}".Contains(CredentialStoreHarness.Secret, StringComparison.Ordinal));
        Assert.NotEmpty(_harness.Logs.Lines);
        Assert.DoesNotContain(_harness.Logs.Lines, l => l.Contains(CredentialStoreHarness.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changed_IsRaisedAfterASave()
    {
        var raised = new TaskCompletionSource();
        Store.Changed += (_, _) => raised.TrySetResult();

        await SaveAsync("hyperv", "svc", CredentialStoreHarness.Secret);

        await raised.Task.WaitAsync(TestTimeouts.Short, Token);
    }

    private Task<CredentialSummary> SaveAsync(string name, string userName, string password) =>
        Store.SaveAsync(new CredentialChange(name, userName, password, null), "alice", Token).WaitAsync(TestTimeouts.Short, Token);
}
