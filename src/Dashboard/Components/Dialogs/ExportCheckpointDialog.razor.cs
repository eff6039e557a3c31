using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>Exports a checkpoint to a folder on the host, validated as an absolute Windows or UNC path as it is typed.</summary>
public partial class ExportCheckpointDialog
{
    private Checkpoint? _checkpoint;
    private string? _path;
    private string? _error = HostPath.Validate(null);
    private bool _touched;

    [Parameter, EditorRequired]
    public Guid CheckpointId { get; set; }

    private bool CanSubmit => !Busy && _checkpoint is not null && _error is null;

    protected override void OnParametersSet() => _checkpoint = FindCheckpoint(CheckpointId);

    private void OnPathChanged(string? value)
    {
        _path = value;
        _touched = true;
        _error = HostPath.Validate(value);
        ClearRejection();
    }

    private Task ExportAsync() => SubmitAsync(new ExportCheckpointRequest(Vm.Id, CheckpointId, _path!, ExpectedVersion));
}
