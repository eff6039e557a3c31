using CheckpointDashboard.Shared.Inventory;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>
/// A job dialog about one VM, as the page showed it when the dialog opened. Requests carry that VM's
/// <see cref="VmVersion"/>, so if the VM changed meanwhile the job service refuses instead of acting on a tree the
/// operator did not see. Live updates do not reach an open dialog on purpose.
/// </summary>
public abstract class VmDialogBase : JobDialogBase
{
    [Parameter, EditorRequired]
    public VirtualMachine Vm { get; set; } = null!;

    /// <summary>The fingerprint of <see cref="Vm"/> as shown.</summary>
    protected string ExpectedVersion => VmVersion.Of(Vm);

    protected Checkpoint? FindCheckpoint(Guid id) => Vm.Checkpoints.FirstOrDefault(c => c.Id == id);
}
