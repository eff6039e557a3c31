using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>
/// A VM's checkpoint settings: type (with what each means, and a warning for Standard on domain controllers and
/// databases), automatic checkpoints, and the checkpoint file location while the VM has no checkpoints. Only what
/// changed is sent.
/// </summary>
public partial class CheckpointSettingsDialog
{
    private CheckpointSettingsRules _rules = null!;
    private CheckpointType _type;
    private bool _automatic;
    private string? _location;
    private string? _locationError;
    private ChangeCheckpointSettingsRequest? _request;

    private bool CanSubmit => !Busy && _request is not null;

    protected override void OnInitialized()
    {
        _rules = CheckpointSettingsRules.For(Vm);
        _type = Vm.CheckpointType;
        _automatic = Vm.AutomaticCheckpoints;
        _location = Vm.CheckpointFileLocation;
        Recompute();
    }

    private static string TypeLabel(CheckpointType type) => type switch
    {
        CheckpointType.ProductionOnly => "Production only",
        _ => type.ToString(),
    };

    private void OnTypeChanged(CheckpointType value)
    {
        _type = value;
        Recompute();
    }

    private void OnAutomaticChanged(bool value)
    {
        _automatic = value;
        Recompute();
    }

    private void OnLocationChanged(string? value)
    {
        _location = value;
        Recompute();
    }

    private void Recompute()
    {
        _locationError = _rules.LocationError(_location);
        _request = _rules.BuildRequest(_type, _automatic, _location);
        ClearRejection();
    }

    private Task SaveAsync() => _request is null ? Task.CompletedTask : SubmitAsync(_request);
}
