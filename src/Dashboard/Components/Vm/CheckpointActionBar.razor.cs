using CheckpointDashboard.Dashboard.Components.Dialogs;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Vm;

/// <summary>Actions on the checkpoint selected in the VM page's tree.</summary>
public partial class CheckpointActionBar
{
    private readonly List<(string Id, string Text)> _reasons = [];
    private string? _applyReason;
    private string? _renameReason;
    private string? _exportReason;
    private string? _deleteReason;

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Parameter, EditorRequired]
    public VirtualMachine Vm { get; set; } = null!;

    [Parameter, EditorRequired]
    public Checkpoint Checkpoint { get; set; } = null!;

    protected override void OnParametersSet()
    {
        _applyReason = VmActionRules.ApplyBlockedReason(Vm, Checkpoint);
        _renameReason = VmActionRules.RenameBlockedReason(Checkpoint);
        _exportReason = VmActionRules.ExportBlockedReason(Checkpoint);
        _deleteReason = VmActionRules.DeleteBlockedReason(Checkpoint);
        _reasons.Clear();
        Add("reason-apply", "Apply", _applyReason);
        Add("reason-rename", "Rename", _renameReason);
        Add("reason-export", "Export", _exportReason);
        Add("reason-delete", "Delete", _deleteReason);
    }

    private void Add(string id, string action, string? reason)
    {
        if (reason is not null)
        {
            _reasons.Add((id, $"{action}: {reason}"));
        }
    }

    private async Task ApplyAsync() => await Dialogs.ShowApplyAsync(Vm, Checkpoint.Id);

    private async Task RenameAsync() => await Dialogs.ShowRenameAsync(Vm, Checkpoint.Id);

    private async Task ExportAsync() => await Dialogs.ShowExportAsync(Vm, Checkpoint.Id);

    private async Task DeleteAsync() => await Dialogs.ShowDeleteAsync(Vm, Checkpoint.Id, subtree: false);

    private async Task DeleteSubtreeAsync() => await Dialogs.ShowDeleteAsync(Vm, Checkpoint.Id, subtree: true);
}
