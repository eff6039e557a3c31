namespace CheckpointDashboard.HostConnector.WsMan;

/// <summary>
/// Limits and tuning of the managed WS-Management client. The defaults suit Hyper-V hosts with WinRM's own
/// defaults; every limit exists so that one slow or hostile host cannot exhaust the dashboard's memory.
/// </summary>
public sealed class WsManClientOptions
{
    /// <summary>The slack allowed on top of <see cref="MaxEnvelopeSize"/> when no explicit cap is set (64 KiB).</summary>
    public const int DefaultResponseSlack = 64 * 1024;

    /// <summary>Items asked for per Enumerate or Pull (<c>w:MaxElements</c>/<c>n:MaxElements</c>). Default 100.</summary>
    public int MaxElements { get; init; } = 100;

    /// <summary>
    /// The largest envelope the host may send, in bytes (<c>w:MaxEnvelopeSize</c>). Default 512 000, WinRM's own
    /// default (<c>MaxEnvelopeSizekb = 500</c>).
    /// </summary>
    public int MaxEnvelopeSize { get; init; } = 512_000;

    /// <summary>
    /// The most bytes read from one HTTP response. Null means <see cref="MaxEnvelopeSize"/> + 64 KiB: the host may
    /// round its envelope size, but a response past this is refused as "exceeds the size limit".
    /// </summary>
    public int? MaxResponseBytes { get; init; }

    /// <summary>The most items one enumeration may return before it is released and fails. Default 200 000.</summary>
    public int MaxItems { get; init; } = 200_000;

    /// <summary>
    /// How long one pooled connection is reused before a new one is opened (so DNS changes and cluster
    /// fail-overs are noticed). Default 5 minutes.
    /// </summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest the client waits for a Release when it stops an enumeration early. Release is a courtesy
    /// (WinRM expires contexts on its own), so it must never hold a cancelled caller for long. Default 2 s.
    /// </summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The locale sent in <c>w:Locale</c>; host messages come back in it when the host has it. Default en-US.</summary>
    public string Locale { get; init; } = "en-US";

    /// <summary>The response cap in effect: <see cref="MaxResponseBytes"/>, or <see cref="MaxEnvelopeSize"/> + 64 KiB.</summary>
    public int EffectiveMaxResponseBytes => MaxResponseBytes ?? checked(MaxEnvelopeSize + DefaultResponseSlack);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for limits that cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxElements, 1, nameof(MaxElements));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEnvelopeSize, 8192, nameof(MaxEnvelopeSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxItems, 1, nameof(MaxItems));
        ArgumentOutOfRangeException.ThrowIfLessThan(EffectiveMaxResponseBytes, 1024, nameof(MaxResponseBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PooledConnectionLifetime, TimeSpan.Zero, nameof(PooledConnectionLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReleaseTimeout, TimeSpan.Zero, nameof(ReleaseTimeout));
        ArgumentException.ThrowIfNullOrWhiteSpace(Locale, nameof(Locale));
    }
}
