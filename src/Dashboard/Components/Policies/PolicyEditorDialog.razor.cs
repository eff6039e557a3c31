using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Policies;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Policies;

/// <summary>
/// Creates or edits a policy: name, priority, scope (the same inputs as the bulk page, with a live count of the VMs it
/// matches now) and desired settings. The store's refusal (a clash of names, a stale version: someone else saved first)
/// is shown in its words and the dialog stays open, so nothing typed is lost.
/// </summary>
public partial class PolicyEditorDialog
{
    private SelectorForm _scope = new();
    private TargetForm _target = new() { CheckpointType = CheckpointType.Production };
    private string _name = string.Empty;
    private string? _description;
    private int _priority = 100;
    private bool _enabled = true;
    private string _matches = string.Empty;
    private List<string> _errors = [];
    private bool _saving;

    [CascadingParameter]
    public IMudDialogInstance Dialog { get; set; } = null!;

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required IPolicyStore Store { get; init; }

    /// <summary>The policy to edit (or a suggestion to start from); null for a new one.</summary>
    [Parameter]
    public CheckpointPolicy? Policy { get; set; }

    /// <summary>True when <see cref="Policy"/> is a starting point to save as a new policy.</summary>
    [Parameter]
    public bool AsNew { get; set; }

    [Parameter, EditorRequired]
    public FleetSnapshot Snapshot { get; set; } = null!;

    [Parameter, EditorRequired]
    public IReadOnlyList<string> Clusters { get; set; } = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<string> Hosts { get; set; } = [];

    protected override void OnInitialized()
    {
        if (Policy is { } policy)
        {
            _scope = SelectorForm.From(policy.Scope);
            _target = TargetForm.From(policy.Target);
            _name = policy.Name;
            _description = policy.Description;
            _priority = policy.Priority;
            _enabled = policy.Enabled;
        }

        ScopeChanged();
    }

    private void ScopeChanged()
    {
        var selector = _scope.ToSelector();
        if (selector.Validate() is { Count: > 0 } problems)
        {
            _matches = string.Join(" ", problems);
            return;
        }

        var matcher = selector.Compile();
        var count = Snapshot.Vms.Count(matcher.Matches);
        _matches = $"Matches {count:N0} of {Snapshot.Vms.Length:N0} VMs now ({selector.Describe()}).";
    }

    private async Task SaveAsync()
    {
        var policy = new CheckpointPolicy
        {
            Id = Policy is { } existing && !AsNew ? existing.Id : Guid.NewGuid(),
            Version = Policy is { } known && !AsNew ? known.Version : 0,
            Name = _name.Trim(),
            Description = string.IsNullOrWhiteSpace(_description) ? null : _description.Trim(),
            Priority = _priority,
            Enabled = _enabled,
            Scope = _scope.ToSelector(),
            Target = _target.ToTarget(),
        };
        _errors = [.. policy.Validate()];
        if (_errors.Count > 0)
        {
            return;
        }

        _saving = true;
        try
        {
            // Not tied to the dialog: once sent, the save either lands or is refused, and the operator must learn which.
            Dialog.Close(DialogResult.Ok(await Store.SaveAsync(policy, await Operator.NameAsync(), CancellationToken.None)));
        }
        catch (JobRejectedException ex)
        {
            _errors = [ex.Message];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _errors = [$"The policy could not be saved: {ex.Message}"];
        }
        finally
        {
            _saving = false;
        }
    }
}
