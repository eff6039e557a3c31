using System.Collections.Immutable;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Dialogs;

/// <summary>
/// Creates a checkpoint on each selected VM: one name (or Hyper-V's default) for all, one request per VM, then how many
/// the job service accepted and which it refused, with the reason. VMs that cannot take a checkpoint are left out up
/// front and reported the same way.
/// </summary>
public partial class BulkCreateCheckpointDialog
{
    private ImmutableArray<VirtualMachine> _eligible = [];
    private ImmutableArray<RefusedVm> _skipped = [];
    private BulkCreateOutcome _outcome = BulkCreateOutcome.Empty;
    private string? _name;
    private string? _nameError;
    private bool _submitted;
    private bool _sending;

    /// <summary>The selected VMs, as the grid showed them.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<VirtualMachine> Vms { get; set; } = [];

    private bool CanSubmit => !_sending && _nameError is null && !_eligible.IsEmpty;

    private string SubmitText => _eligible.Length == 1 ? "Create checkpoint on 1 VM" : $"Create checkpoint on {_eligible.Length} VMs";

    protected override void OnParametersSet() => (_eligible, _skipped) = BulkCreateOutcome.Plan(Vms);

    private void OnNameChanged(string? value)
    {
        _name = value;
        _nameError = NameInput.ValidateOptional(value);
    }

    private async Task CreateAsync()
    {
        _sending = true;
        var outcome = BulkCreateOutcome.Empty;
        foreach (var refused in _skipped)
        {
            outcome = outcome.WithRefused(refused);
        }

        var name = string.IsNullOrEmpty(_name) ? null : _name;
        foreach (var vm in _eligible)
        {
            // Each VM carries its own version as shown in the grid: one that changed since is refused, not guessed at.
            if (await TrySubmitAsync(new CreateCheckpointRequest(vm.Id, name, VmVersion.Of(vm))) is { } job)
            {
                outcome = outcome.WithAccepted(job);
            }
            else
            {
                outcome = outcome.WithRefused(new RefusedVm(vm.Id, vm.Name, Rejection ?? "Refused."));
            }
        }

        _outcome = outcome;
        _submitted = true;
        _sending = false;
        if (!outcome.Accepted.IsEmpty)
        {
            Announce($"Creating checkpoints on {outcome.Accepted.Length} VM(s)…", "/jobs?kind=CreateCheckpoint");
        }
    }

    private void Close() => Dialog.Close(DialogResult.Ok(_outcome));
}
