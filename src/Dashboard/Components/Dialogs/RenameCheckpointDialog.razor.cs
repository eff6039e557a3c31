using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>Renames a checkpoint; the new name is checked with Hyper-V's rules as it is typed.</summary>
public partial class RenameCheckpointDialog
{
    private Checkpoint? _checkpoint;
    private string? _name;
    private string? _error;

    [Parameter, EditorRequired]
    public Guid CheckpointId { get; set; }

    private bool CanSubmit => !Busy && _checkpoint is not null && _error is null;

    protected override void OnParametersSet()
    {
        _checkpoint = FindCheckpoint(CheckpointId);
        _name ??= _checkpoint?.Name;
        _error = _checkpoint is null ? "This checkpoint is no longer in the VM's tree." : NameInput.ValidateRename(_name, _checkpoint.Name);
    }

    private void OnNameChanged(string? value)
    {
        _name = value;
        _error = _checkpoint is null ? _error : NameInput.ValidateRename(value, _checkpoint.Name);
        ClearRejection();
    }

    private Task RenameAsync() => SubmitAsync(new RenameCheckpointRequest(Vm.Id, CheckpointId, _name!, ExpectedVersion));
}
