using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Components.Policies;
using CheckpointDashboard.Dashboard.Model;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Jobs;
using CheckpointDashboard.Shared.Policies;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Pages;

/// <summary>
/// Saved checkpoint policies and the fleet's compliance with them, recomputed live on every inventory change and every
/// policy change (by anyone). "Remediate" hands a policy's non-compliant VMs and its settings to the bulk page.
/// </summary>
public partial class PoliciesPage
{
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;
    private static readonly ComplianceStatus[] s_statuses =
        [ComplianceStatus.NonCompliant, ComplianceStatus.Unknown, ComplianceStatus.Compliant, ComplianceStatus.NoPolicy];

    private static readonly DialogOptions s_editorOptions = new()
    {
        MaxWidth = MaxWidth.Large,
        FullWidth = true,
        CloseButton = true,
        CloseOnEscapeKey = true,
        BackdropClick = false,
    };

    private IReadOnlyList<CheckpointPolicy> _policies = [];
    private ComplianceReport _report = new(default, [], new ComplianceCount("Fleet", 0, 0, 0, 0), [], [], []);
    private HashSet<ComplianceStatus> _shown = [ComplianceStatus.NonCompliant, ComplianceStatus.Unknown];
    private bool _loaded;
    private string? _error;
    private string[] _clusters = [];
    private string[] _hosts = [];

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required IPolicyStore Store { get; init; }

    [Inject]
    public required BulkHandoff Handoff { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    /// <summary>Suggestions whose name no saved policy has yet.</summary>
    private IReadOnlyList<CheckpointPolicy> Suggestions =>
        [.. PolicySuggestions.All.Where(s => !_policies.Any(p => string.Equals(p.Name, s.Name, StringComparison.OrdinalIgnoreCase)))];

    private IEnumerable<VmCompliance> ShownVms => _report.Vms.Where(v => _shown.Contains(v.Status));

    protected override async Task OnInitializedAsync()
    {
        Store.Changed += OnPoliciesChanged;
        await LoadAsync();
    }

    protected override ValueTask DisposeCoreAsync()
    {
        Store.Changed -= OnPoliciesChanged;
        return base.DisposeCoreAsync();
    }

    protected override void OnSnapshot(FleetSnapshot snapshot)
    {
        _clusters = FleetNames.Clusters(snapshot);
        _hosts = FleetNames.Hosts(snapshot);
        Evaluate(snapshot);
    }

    private void Evaluate(FleetSnapshot snapshot) => _report = ComplianceEvaluator.Evaluate(snapshot, _policies);

    private async Task LoadAsync()
    {
        try
        {
            _policies = [.. (await Store.ListAsync(CancellationToken.None))
                .OrderByDescending(p => p.Priority).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
            _error = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = $"Policies could not be read: {ex.Message}";
        }

        _loaded = true;
        Evaluate(Snapshot);
    }

    /// <summary>Someone (here or elsewhere) changed a policy: read them again, on the renderer's thread.</summary>
    private void OnPoliciesChanged(object? sender, EventArgs e) => _ = InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    private ComplianceCount? CountsOf(CheckpointPolicy policy) =>
        _report.ByPolicy.FirstOrDefault(c => string.Equals(c.Name, policy.Name, StringComparison.OrdinalIgnoreCase));

    private static int CountOf(ComplianceCount counts, ComplianceStatus status) => status switch
    {
        ComplianceStatus.Compliant => counts.Compliant,
        ComplianceStatus.NonCompliant => counts.NonCompliant,
        ComplianceStatus.Unknown => counts.Unknown,
        _ => counts.NoPolicy,
    };

    private static string StatusDetail(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Compliant => "VMs with the settings their policy wants",
        ComplianceStatus.NonCompliant => "VMs whose settings differ from their policy",
        ComplianceStatus.Unknown => "VMs whose host is not answering",
        _ => "VMs no policy governs",
    };

    private void ShowStatus(ComplianceStatus status) => _shown = [status];

    private void ToggleStatus(ComplianceStatus status)
    {
        if (!_shown.Remove(status))
        {
            _shown.Add(status);
        }
    }

    private void Remediate(CheckpointPolicy policy)
    {
        var ids = _report.Vms.Where(v => v.PolicyId == policy.Id && v.Status == ComplianceStatus.NonCompliant).Select(v => v.VmId).ToList();
        Handoff.Give(new VmSelector { VmIds = ids }, policy.Target, $"non-compliant with '{policy.Name}'");
        Navigation.NavigateTo("/bulk");
    }

    private async Task EditAsync(CheckpointPolicy? policy, bool asNew)
    {
        var parameters = new DialogParameters<PolicyEditorDialog>
        {
            { d => d.Policy, policy },
            { d => d.AsNew, asNew },
            { d => d.Snapshot, Snapshot },
            { d => d.Clusters, _clusters },
            { d => d.Hosts, _hosts },
        };
        var title = policy is null || asNew ? "Add policy" : $"Edit policy '{policy.Name}'";
        var dialog = await Dialogs.ShowAsync<PolicyEditorDialog>(title, parameters, s_editorOptions);
        if ((await dialog.Result) is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(CheckpointPolicy policy)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete policy",
            $"Delete '{policy.Name}'? Its VMs are no longer checked against it (no VM is changed).", yesText: "Delete", cancelText: "Keep");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            await Store.DeleteAsync(policy.Id, await Operator.NameAsync(), CancellationToken.None);
        }
        catch (JobRejectedException ex)
        {
            _error = ex.Message;
        }

        await LoadAsync();
    }
}
