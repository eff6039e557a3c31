using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Audit;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

public sealed class AuditPageTests : DashboardTestContext
{
    public AuditPageTests()
        : base(Fleets.Snapshot([Fleets.Vm("APP01")]))
    {
        AuditLog.Entries.Add(new AuditEntry
        {
            Id = 1, At = Fleets.Now, User = "alice", Action = "DeleteCheckpoint", VmName = "APP01", VmId = Guid.NewGuid(), Host = "HV01",
            Target = "Before patch", Outcome = "Failed", Detail = "The file is in use.", JobId = Guid.NewGuid(),
        });
        AuditLog.Entries.Add(new AuditEntry { Id = 2, At = Fleets.Now, User = "bob", Action = "CreateCheckpoint", Outcome = "Completed" });
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void FiltersInTheUrl_GoToTheAuditLogAndTheCsvLink()
    {
        Navigation.NavigateTo("/audit?user=alice&action=DeleteCheckpoint&outcome=Failed&search=app&since=2026-11-01&until=2026-11-24");

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.NotNull(AuditLog.LastQuery), TestTimeouts.Short);
        var query = AuditLog.LastQuery!;
        Assert.Equal("alice", query.User);
        Assert.Equal("DeleteCheckpoint", query.Action);
        Assert.Equal("Failed", query.Outcome);
        Assert.Equal("app", query.Search);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), query.Since);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), query.Until);

        var csv = cut.Find("[data-testid=audit-csv]");
        Assert.Equal(
            "/api/v1/audit.csv?user=alice&action=DeleteCheckpoint&outcome=Failed&search=app" +
            "&since=2026-11-01T00%3A00%3A00.0000000Z&until=2026-11-24T23%3A59%3A59.9999999Z",
            csv.GetAttribute("href"));
        Assert.True(csv.HasAttribute("download"));
        Assert.Contains("The file is in use.", cut.Find("tbody").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void TypingAUser_QueriesAgainAndUpdatesTheCsvLink()
    {
        Navigation.NavigateTo("/audit");
        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count), TestTimeouts.Short);
        Assert.Equal("/api/v1/audit.csv", cut.Find("[data-testid=audit-csv]").GetAttribute("href"));

        cut.Find("#audit-user").Change("bob");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("bob", AuditLog.LastQuery?.User);
            Assert.Equal("/api/v1/audit.csv?user=bob", cut.Find("[data-testid=audit-csv]").GetAttribute("href"));
            Assert.Single(cut.FindAll("tbody tr"));
        }, TestTimeouts.Short);
        Assert.Contains("user=bob", Navigation.Uri, StringComparison.Ordinal);
    }
}
