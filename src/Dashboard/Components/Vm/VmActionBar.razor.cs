using CheckpointDashboard.Dashboard.Components.Dialogs;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Vm;

/// <summary>The VM page's toolbar. Dialogs get the VM as rendered, so their requests carry the version the operator saw.</summary>
public partial class VmActionBar
{
    private string? _createReason;
    private string? _revertReason;

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Parameter, EditorRequired]
    public VirtualMachine Vm { get; set; } = null!;

    protected override void OnParametersSet()
    {
        _createReason = VmActionRules.CreateBlockedReason(Vm);
        _revertReason = VmActionRules.RevertBlockedReason(Vm);
    }

    private async Task CreateAsync() => await Dialogs.ShowCreateCheckpointAsync(Vm);

    private async Task RevertAsync() => await Dialogs.ShowRevertAsync(Vm);

    private async Task SettingsAsync() => await Dialogs.ShowSettingsAsync(Vm);
}
