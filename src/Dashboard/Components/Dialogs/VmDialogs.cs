using CheckpointDashboard.Shared.Inventory;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>
/// Opens the checkpoint dialogs with their titles (the dialogs' accessible names) and common options. Each dialog
/// submits its own job and announces it; callers need not await the result.
/// </summary>
public static class VmDialogs
{
    private static readonly DialogOptions s_options = new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseButton = true,
        CloseOnEscapeKey = true,
        BackdropClick = false,
    };

    private static readonly DialogOptions s_wide = new()
    {
        MaxWidth = MaxWidth.Medium,
        FullWidth = true,
        CloseButton = true,
        CloseOnEscapeKey = true,
        BackdropClick = false,
    };

    public static Task<IDialogReference> ShowCreateCheckpointAsync(this IDialogService dialogs, VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return dialogs.ShowAsync<CreateCheckpointDialog>("Create checkpoint",
            new DialogParameters<CreateCheckpointDialog> { { d => d.Vm, vm } }, s_options);
    }

    public static Task<IDialogReference> ShowApplyAsync(this IDialogService dialogs, VirtualMachine vm, Guid checkpointId)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return dialogs.ShowAsync<ApplyCheckpointDialog>("Apply checkpoint",
            new DialogParameters<ApplyCheckpointDialog> { { d => d.Vm, vm }, { d => d.CheckpointId, checkpointId } }, s_wide);
    }

    public static Task<IDialogReference> ShowRevertAsync(this IDialogService dialogs, VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return dialogs.ShowAsync<ApplyCheckpointDialog>("Revert VM",
            new DialogParameters<ApplyCheckpointDialog> { { d => d.Vm, vm }, { d => d.Revert, true } }, s_wide);
    }

    public static Task<IDialogReference> ShowRenameAsync(this IDialogService dialogs, VirtualMachine vm, Guid checkpointId)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return dialogs.ShowAsync<RenameCheckpointDialog>("Rename checkpoint",
            new DialogParameters<RenameCheckpointDialog> { { d => d.Vm, vm }, { d => d.CheckpointId, checkpointId } }, s_options);
    }

    public static Task<IDialogReference> ShowExportAsync(this IDialogService dialogs, VirtualMachine vm, Guid checkpointId)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return dialogs.ShowAsync<ExportCheckpointDialog>("Export checkpoint",
            new DialogParameters<ExportCheckpointDialog> { { d => d.Vm, vm }, { d => d.CheckpointId, checkpointId } }, s_options);
    }

    public static Task<IDialogReference> ShowDeleteAsync(this IDialogService dialogs, VirtualMachine vm, Guid checkpointId, bool subtree)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return dialogs.ShowAsync<DeleteCheckpointDialog>(subtree ? "Delete subtree" : "Delete checkpoint",
            new DialogParameters<DeleteCheckpointDialog> { { d => d.Vm, vm }, { d => d.CheckpointId, checkpointId }, { d => d.Subtree, subtree } },
            subtree ? s_wide : s_options);
    }

    public static Task<IDialogReference> ShowSettingsAsync(this IDialogService dialogs, VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return dialogs.ShowAsync<CheckpointSettingsDialog>("Checkpoint settings",
            new DialogParameters<CheckpointSettingsDialog> { { d => d.Vm, vm } }, s_wide);
    }

    public static Task<IDialogReference> ShowBulkCreateAsync(this IDialogService dialogs, IReadOnlyList<VirtualMachine> vms)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(vms);
        return dialogs.ShowAsync<BulkCreateCheckpointDialog>(vms.Count == 1 ? "Create checkpoint on 1 VM" : $"Create checkpoint on {vms.Count} VMs",
            new DialogParameters<BulkCreateCheckpointDialog> { { d => d.Vms, vms } }, s_wide);
    }
}
