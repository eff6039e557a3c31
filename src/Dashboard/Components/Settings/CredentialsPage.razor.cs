using CheckpointDashboard.Dashboard.Credentials;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Settings;

/// <summary>
/// The host credentials hosts can name, for administrators: stored and configured ones, who uses them, whether they can be
/// used; add, edit (a password is typed, never shown) and delete, with the store's refusals shown in its words. Follows
/// changes made elsewhere (another administrator, the API) through <see cref="ProtectedCredentialStore.Changed"/>.
/// </summary>
public sealed partial class CredentialsPage : IDisposable
{
    private static readonly DialogOptions s_editorOptions = new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseButton = true,
        CloseOnEscapeKey = true,
        BackdropClick = false,
    };

    private IReadOnlyList<CredentialSummary> _credentials = [];
    private string? _error;

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required ProtectedCredentialStore Store { get; init; }

    /// <summary>The signed-in administrator, whom changes are recorded under.</summary>

    [Inject]
    public required IDialogService Dialogs { get; init; }

    public void Dispose() => Store.Changed -= OnCredentialsChanged;

    protected override void OnInitialized()
    {
        Store.Changed += OnCredentialsChanged;
        Load();
    }

    private void Load()
    {
        try
        {
            _credentials = Store.List();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = $"The credentials could not be read: {ex.Message}";
        }
    }

    /// <summary>Someone (here or elsewhere) changed a credential: read them again, on the renderer's thread.</summary>
    private void OnCredentialsChanged(object? sender, EventArgs e) => _ = InvokeAsync(() =>
    {
        Load();
        StateHasChanged();
    });

    private async Task EditAsync(CredentialSummary? credential)
    {
        var parameters = new DialogParameters<CredentialEditorDialog> { { d => d.Credential, credential } };
        var title = credential is null ? "Add credential" : $"Edit credential '{credential.Name}'";
        var dialog = await Dialogs.ShowAsync<CredentialEditorDialog>(title, parameters, s_editorOptions);
        if (await dialog.Result is { Canceled: false })
        {
            _error = null;
            Load();
        }
    }

    private async Task DeleteAsync(CredentialSummary credential)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete credential",
            $"Delete the stored credential '{credential.Name}' ({credential.UserName})? Its password cannot be recovered.",
            yesText: "Delete", cancelText: "Keep");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            await Store.DeleteAsync(credential.Name, credential.Version, await Operator.NameAsync(), CancellationToken.None);
            _error = null;
        }
        catch (JobRejectedException ex)
        {
            _error = ex.Message;
        }

        Load();
    }
}
