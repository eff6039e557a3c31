using CheckpointDashboard.Dashboard.Security;
using CheckpointDashboard.Dashboard.Security.Tokens;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Account;

/// <summary>
/// The signed-in user's API tokens: create one (its text shown once, here, with a copy button), see them all (never their
/// text again), revoke one after a confirmation.
/// </summary>
public partial class TokensPage
{
    private const int MaxDays = 365;

    private IReadOnlyList<ApiTokenInfo> _tokens = [];
    private CreatedApiToken? _created;
    private string? _name;
    private int _days = (int)ApiTokenService.DefaultLifetime.TotalDays;
    private bool _loaded;
    private bool _busy;
    private bool _copied;
    private string? _error;

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required ApiTokenService Tokens { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _tokens = await Tokens.ListAsync(await Operator.NameAsync(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = $"Tokens could not be read: {ex.Message}";
        }

        _loaded = true;
    }

    private async Task CreateAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            _created = await Tokens.CreateAsync(await Operator.NameAsync(), _name ?? string.Empty, TimeSpan.FromDays(_days), CancellationToken.None);
            _copied = false;
            _name = null;
        }
        catch (ApiTokenException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }

    private async Task CopyAsync()
    {
        if (_created is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _created.Token);
            _copied = true;
        }
        catch (JSException)
        {
            // The clipboard needs a secure context (HTTPS or localhost); the field stays selectable for a manual copy.
            _error = "The browser refused the clipboard here; select the token and copy it by hand.";
        }
    }

    /// <summary>Forgets the token's text: from now on this page cannot show it either.</summary>
    private void Dismiss()
    {
        _created = null;
        _copied = false;
    }

    private async Task RevokeAsync(ApiTokenInfo token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke token",
            $"Revoke '{token.Name}' ({token.Prefix}…)? Scripts using it are refused from the next request on. This cannot be undone.",
            yesText: "Revoke", cancelText: "Keep");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            await Tokens.RevokeAsync(token.Id, await Operator.NameAsync(), CancellationToken.None);
            if (_created?.Info.Id == token.Id)
            {
                Dismiss();
            }
        }
        catch (ApiTokenException ex)
        {
            _error = ex.Message;
        }

        await LoadAsync();
    }

    private static Color StateColor(ApiTokenState state) => state switch
    {
        ApiTokenState.Active => Color.Success,
        ApiTokenState.Expired => Color.Warning,
        _ => Color.Default,
    };

    private static string StateText(ApiTokenInfo token, ApiTokenState state) => state switch
    {
        ApiTokenState.Active => "active",
        ApiTokenState.Expired => "expired",
        _ => token.RevokedBy is { } by ? $"revoked by {by}" : "revoked",
    };
}
