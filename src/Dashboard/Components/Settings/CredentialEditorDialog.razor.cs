using CheckpointDashboard.Dashboard.Credentials;
using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Settings;

/// <summary>
/// Adds a credential or changes one. The password field starts empty, always: the stored password never leaves the
/// server, so editing says "leave empty to keep the current password". Whatever was typed is dropped from the component
/// as soon as the save is answered, saved or refused. A refusal (a stale version, a bad field) is shown in the store's
/// words and the dialog stays open.
/// </summary>
public sealed partial class CredentialEditorDialog
{
    private string _name = string.Empty;
    private string _userName = string.Empty;
    private string _password = string.Empty;
    private List<string> _errors = [];
    private bool _saving;

    [CascadingParameter]
    public IMudDialogInstance Dialog { get; set; } = null!;

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required ProtectedCredentialStore Store { get; init; }

    /// <summary>The signed-in administrator, whom changes are recorded under.</summary>

    /// <summary>The credential to change; null to add one. A configured one is changed by saving a stored one over it.</summary>
    [Parameter]
    public CredentialSummary? Credential { get; set; }

    private bool KeepsPassword => Credential is { Source: CredentialSource.Store, Usable: true };

    private string PasswordHelp => KeepsPassword
        ? "Leave empty to keep the current password."
        : Credential is { Source: CredentialSource.Configuration }
            ? "Required: saving stores this credential in the dashboard, over the configured one."
            : "Required.";

    protected override void OnInitialized()
    {
        if (Credential is { } credential)
        {
            _name = credential.Name;
            _userName = credential.UserName;
        }
    }

    private async Task SaveAsync()
    {
        var expectedVersion = Credential is { Source: CredentialSource.Store } stored ? stored.Version : (int?)null;
        var change = new CredentialChange(_name.Trim(), _userName.Trim(), _password, expectedVersion);
        _saving = true;
        try
        {
            // Not tied to the dialog: once sent, the save either lands or is refused, and the administrator must learn which.
            Dialog.Close(DialogResult.Ok(await Store.SaveAsync(change, await Operator.NameAsync(), CancellationToken.None)));
        }
        catch (JobRejectedException ex)
        {
            _errors = [ex.Message];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _errors = [$"The credential could not be saved: {ex.Message}"];
        }
        finally
        {
            // The password is not kept once the store has answered: a refused save is typed again.
            _password = string.Empty;
            _saving = false;
        }
    }
}
