using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>
/// Deletes one checkpoint (a confirmation with the space its merge frees or moves), or a checkpoint with all its
/// descendants: then the dialog lists exactly which checkpoints go, says whether "Now" is among them, and asks for the
/// VM's name.
/// </summary>
public partial class DeleteCheckpointDialog
{
    private Checkpoint? _checkpoint;
    private SubtreeImpact? _subtree;
    private string? _typed;

    [Parameter, EditorRequired]
    public Guid CheckpointId { get; set; }

    /// <summary>Delete the checkpoint and all its descendants.</summary>
    [Parameter]
    public bool Subtree { get; set; }

    private bool CanSubmit => !Busy && _checkpoint is not null &&
        (!Subtree || (_subtree is not null && TypedConfirmation.Matches(Vm.Name, _typed)));

    protected override void OnParametersSet()
    {
        _checkpoint = FindCheckpoint(CheckpointId);
        _subtree = Subtree ? SubtreeImpact.Of(Vm, CheckpointId) : null;
    }

    private static string MergeText(long bytes, int files, bool known)
    {
        if (files == 0)
        {
            return "No differencing disk records changes since then, so there is nothing to merge.";
        }

        var size = known ? Format.Bytes(bytes) : $"at least {Format.Bytes(bytes)} (not every disk is measured yet)";
        return $"{files} differencing disk(s), {size}, are merged: that space is freed or moved into the remaining disks.";
    }

    private void OnTypedChanged(string? value)
    {
        _typed = value;
        ClearRejection();
    }

    private Task DeleteAsync() => _checkpoint is null
        ? Task.CompletedTask
        : SubmitAsync(new DeleteCheckpointRequest(Vm.Id, _checkpoint.Id, Subtree, ExpectedVersion));
}
