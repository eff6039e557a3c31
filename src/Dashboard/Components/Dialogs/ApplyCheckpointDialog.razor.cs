using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>
/// Applies a checkpoint (or reverts to the one the current state derives from): lists what will be lost, offers to
/// checkpoint the current state first, and asks for the VM's name before anything is sent.
/// </summary>
public partial class ApplyCheckpointDialog
{
    private ApplyImpact? _impact;
    private bool _createFirst;
    private string? _createFirstBlocked;
    private string? _typed;

    /// <summary>The checkpoint to apply; ignored when <see cref="Revert"/> is set.</summary>
    [Parameter]
    public Guid CheckpointId { get; set; }

    /// <summary>Revert: apply the checkpoint the VM's current state derives from.</summary>
    [Parameter]
    public bool Revert { get; set; }

    private bool CanSubmit => !Busy && _impact is not null && TypedConfirmation.Matches(Vm.Name, _typed);

    protected override void OnParametersSet()
    {
        _impact = Revert ? ApplyImpact.OfRevert(Vm) : ApplyImpact.Of(Vm, CheckpointId);
        _createFirstBlocked = VmActionRules.CreateBlockedReason(Vm) is { } reason
            ? $"A checkpoint of the current state cannot be created: {reason}"
            : null;
    }

    private void OnCreateFirstChanged(bool value) => _createFirst = value && _createFirstBlocked is null;

    private void OnTypedChanged(string? value)
    {
        _typed = value;
        ClearRejection();
    }

    private Task ApplyAsync()
    {
        if (_impact is null)
        {
            return Task.CompletedTask;
        }

        JobRequest request = Revert
            ? new RevertVmRequest(Vm.Id, ExpectedVersion)
            : new ApplyCheckpointRequest(Vm.Id, _impact.Target.Id, _createFirst, ExpectedVersion);
        return SubmitAsync(request);
    }
}
