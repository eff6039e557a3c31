using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Jobs;

/// <summary>
/// One VM's operations, live: each open job with its progress (and Cancel when allowed), then the last finished ones
/// with their result, warning or error. Jobs of other VMs never show.
/// </summary>
public partial class VmJobsPanel
{
    private Guid _shownVm;

    [Parameter, EditorRequired]
    public Guid VmId { get; set; }

    protected override int FinishedLimit => 5;

    protected override bool Accepts(JobInfo job) => job.VmId == VmId;

    protected override JobQuery? HistoryQuery() => new() { VmId = VmId, Limit = FinishedLimit };

    protected override void OnInitialized()
    {
        _shownVm = VmId;
        base.OnInitialized();
    }

    protected override async Task OnParametersSetAsync()
    {
        // The page is reused when the operator goes from one VM to another: start over for the new one.
        if (_shownVm != VmId)
        {
            _shownVm = VmId;
            await ResetAsync();
        }
    }
}
