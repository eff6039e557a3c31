using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>Creates one checkpoint with an optional name; the type follows the VM's setting.</summary>
public partial class CreateCheckpointDialog
{
    private string? _name;
    private string? _nameError;
    private string? _blocked;

    private bool CanSubmit => !Busy && _nameError is null && _blocked is null;

    protected override void OnParametersSet() => _blocked = VmActionRules.CreateBlockedReason(Vm);

    private void OnNameChanged(string? value)
    {
        _name = value;
        _nameError = NameInput.ValidateOptional(value);
        ClearRejection();
    }

    private Task CreateAsync() =>
        SubmitAsync(new CreateCheckpointRequest(Vm.Id, string.IsNullOrEmpty(_name) ? null : _name, ExpectedVersion));
}
