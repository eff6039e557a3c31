using System.Collections.Immutable;
using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

public sealed class JobsPageTests : DashboardTestContext
{
    private const string HyperVError =
        "'PRD-SQL01' failed to remove checkpoint. The process cannot access the file because it is being used by another process. (0x80070020)";

    private static readonly JobInfo s_failed = UiFakeJobService.Job("PRD-SQL01", kind: JobKind.DeleteCheckpoint, state: JobState.Failed, host: "HV02",
        error: HyperVError, errorCode: 32768, checkpointName: "Before patch") with
    {
        Parameters = ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["IncludeSubtree"] = "False", ["CheckpointName"] = "Before patch" }),
        Reconciliation = "Checked against the host after it answered again: the checkpoint is still there.",
    };

    private static readonly JobInfo s_completed = UiFakeJobService.Job("WEB01", state: JobState.Completed, result: "Created checkpoint 'Nightly'.") with
    {
        FinishedAt = Fleets.Now.AddHours(-1),
    };

    public JobsPageTests()
        : base(Fleets.Snapshot([Fleets.Vm("PRD-SQL01", host: "HV02"), Fleets.Vm("WEB01")]))
    {
        JobService.History.AddRange([s_failed, s_completed]);
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void IdInTheUrl_OpensTheJobWithTheHyperVErrorText()
    {
        Navigation.NavigateTo($"/jobs?id={s_failed.Id}");

        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() =>
        {
            var details = cut.Find("[data-testid=job-details]").Text();
            Assert.Contains(HyperVError, details, StringComparison.Ordinal);
            Assert.Contains("error code 32768", details, StringComparison.Ordinal);
            Assert.Contains("the checkpoint is still there", details, StringComparison.Ordinal);
            var parameters = cut.FindAll("[data-testid=job-parameters] tr").Select(r => (r.QuerySelector("th")!.Text(), r.QuerySelector("td")!.Text()));
            Assert.Equal([("CheckpointName", "Before patch"), ("IncludeSubtree", "False")], parameters);
        }, TestTimeouts.Short);
    }

    [Fact]
    public void UnknownId_SaysSo()
    {
        var id = Guid.NewGuid();
        Navigation.NavigateTo($"/jobs?id={id}");

        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() => Assert.Contains($"No job with id {id}", cut.Markup.Replace("<code>", "").Replace("</code>", ""), StringComparison.Ordinal),
            TestTimeouts.Short);
    }

    [Fact]
    public void Filters_GoToTheQueryAndTheTable()
    {
        Navigation.NavigateTo("/jobs?state=Failed&kind=DeleteCheckpoint&host=HV02&search=sql");

        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=jobs-history] tbody tr")), TestTimeouts.Short);
        var query = JobService.Queries[^1];
        Assert.Equal([JobState.Failed], query.States);
        Assert.Equal([JobKind.DeleteCheckpoint], query.Kinds);
        Assert.Equal("HV02", query.Host);
        Assert.Equal("sql", query.Search);
        Assert.Contains("PRD-SQL01", cut.Find("[data-testid=jobs-history] tbody tr").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClickingARow_OpensItsDetails()
    {
        Navigation.NavigateTo("/jobs");
        var cut = Render<JobsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=jobs-history] tbody tr").Count), TestTimeouts.Short);

        cut.FindAll("[data-testid=jobs-history] tbody tr").Single(r => r.Text().Contains("PRD-SQL01", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() =>
        {
            Assert.EndsWith($"id={s_failed.Id}", Navigation.Uri, StringComparison.Ordinal);
            Assert.Contains(HyperVError, cut.Find("[data-testid=job-details]").Text(), StringComparison.Ordinal);
        }, TestTimeouts.Short);
    }

    [Fact]
    public void RunningOnly_HidesHistoryAndShowsLiveJobs()
    {
        Navigation.NavigateTo("/jobs?running=true");
        var cut = Render<JobsPage>();
        Assert.Empty(cut.FindAll("[data-testid=jobs-history]"));

        JobService.Publish(new JobEvent.Created(UiFakeJobService.Job("APP01", percent: 25)));

        cut.WaitForAssertion(() => Assert.Contains("Creating checkpoint on APP01", cut.Find("[data-testid=jobs-active]").Text(), StringComparison.Ordinal),
            TestTimeouts.Short);
    }

    [Fact]
    public void LiveEvents_MoveAFinishedJobIntoHistory()
    {
        Navigation.NavigateTo("/jobs");
        var cut = Render<JobsPage>();
        var job = UiFakeJobService.Job("APP01", percent: 80);

        JobService.Publish(new JobEvent.Created(job));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=jobs-active] [role=progressbar]")), TestTimeouts.Short);

        JobService.Publish(new JobEvent.Finished(job with { State = JobState.Completed, FinishedAt = Fleets.Now.AddSeconds(3), Result = "Created." }));
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=jobs-active] [role=progressbar]"));
            Assert.Contains("APP01", cut.FindAll("[data-testid=jobs-history] tbody tr")[0].Text(), StringComparison.Ordinal);
        }, TestTimeouts.Short);
    }

    [Fact]
    public void Search_Typing_FiltersThroughTheUrl()
    {
        Navigation.NavigateTo("/jobs");
        var cut = Render<JobsPage>();

        cut.Find("#job-search").Input("web");
        Clock.Advance(TimeSpan.FromMilliseconds(400));

        cut.WaitForAssertion(() => Assert.Equal("web", JobService.Queries[^1].Search), TestTimeouts.Short);
        Assert.Contains("search=web", Navigation.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=jobs-history] tbody tr")), TestTimeouts.Short);
    }
}
