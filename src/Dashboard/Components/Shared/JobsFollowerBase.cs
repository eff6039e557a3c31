using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Shared;

/// <summary>
/// A component that shows jobs live: it subscribes to the job service's event stream, seeds a <see cref="JobBoard"/>
/// with the active jobs (and optionally a page of history), and re-renders (through
/// <see cref="ComponentBase.InvokeAsync(Action)"/>) on each change until it is disposed.
/// </summary>
public abstract class JobsFollowerBase : LiveComponentBase
{
    [Inject]
    public required IJobService Jobs { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>The jobs shown, kept current by the event stream.</summary>
    protected JobBoard Board { get; private set; } = new();

    /// <summary>Why history could not be read, when it could not.</summary>
    protected string? LoadError { get; private set; }

    protected DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>How many finished jobs the board keeps.</summary>
    protected virtual int FinishedLimit => 10;

    /// <summary>Which jobs this component shows; all by default.</summary>
    protected virtual bool Accepts(JobInfo job) => true;

    /// <summary>The history to seed the board with; none by default.</summary>
    protected virtual JobQuery? HistoryQuery() => null;

    /// <summary>
    /// Called on the renderer's thread with every live event (after the board has taken it), for views that keep more
    /// than the board; returns true when the view changed and must render.
    /// </summary>
    protected virtual bool OnJobEvent(JobEvent change) => false;

    protected override void OnInitialized()
    {
        Board = new JobBoard(Accepts, FinishedLimit);

        // Subscribe before reading the active jobs, so that nothing falls between the two; the board merges duplicates.
        Follow(Jobs.WatchAsync, change => Board.Apply(change) | OnJobEvent(change));
        Board.Seed(Jobs.Active);
    }

    protected override Task OnInitializedAsync() => LoadHistoryAsync();

    /// <summary>Starts over (e.g. when the component now shows another VM): the active jobs again, and the history.</summary>
    protected async Task ResetAsync()
    {
        Board.Clear();
        Board.Seed(Jobs.Active);
        await LoadHistoryAsync();
    }

    private async Task LoadHistoryAsync()
    {
        if (HistoryQuery() is not { } query)
        {
            return;
        }

        try
        {
            Board.Seed(await Jobs.QueryAsync(query, Stopping));
            LoadError = null;
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // Disposed while loading.
        }
        catch (Exception ex)
        {
            LoadError = $"Job history could not be read: {ex.Message}";
        }
    }
}
