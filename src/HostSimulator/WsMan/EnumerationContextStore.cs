using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// The server-side state of open enumerations: the items still to pull, per context id. Contexts expire after a
/// lifetime without a Pull (on the fleet's clock, so tests can move past it) and their number is capped, because a
/// client that never releases them must not grow the server without bound. Thread-safe.
/// </summary>
internal sealed class EnumerationContextStore
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly int _capacity;

    public EnumerationContextStore(TimeProvider time, TimeSpan lifetime, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _time = time;
        _lifetime = lifetime;
        _capacity = capacity;
    }

    /// <summary>Open contexts, expired ones included until the next purge (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Opens a context over <paramref name="items"/>, of which the first <paramref name="position"/> were already sent.</summary>
    /// <exception cref="WsManFaultException">Too many contexts are open (<c>w:QuotaLimit</c>).</exception>
    public string Open(string host, IReadOnlyList<CimInstance> items, int position, EnumerationMode mode)
    {
        lock (_gate)
        {
            Purge();
            if (_entries.Count >= _capacity)
            {
                throw new WsManFaultException(WsManFaults.QuotaLimit(_capacity));
            }

            var id = "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant();
            _entries[id] = new Entry(host, items, mode) { Position = position, Expires = _time.GetUtcNow() + _lifetime };
            return id;
        }
    }

    /// <summary>
    /// Takes up to <paramref name="count"/> items (fewer when <paramref name="fits"/> says the envelope is full; at least
    /// one). The context is forgotten once its last item is taken.
    /// </summary>
    /// <exception cref="WsManFaultException">The context is unknown, expired, or belongs to another host.</exception>
    public Batch Take(string id, string host, int count, Func<CimInstance, bool> fits)
    {
        lock (_gate)
        {
            Purge();
            var entry = Find(id, host);
            var items = new List<CimInstance>();
            while (entry.Position < entry.Items.Count && items.Count < count && (items.Count == 0 || fits(entry.Items[entry.Position])))
            {
                items.Add(entry.Items[entry.Position++]);
            }

            var end = entry.Position >= entry.Items.Count;
            if (end)
            {
                _entries.Remove(id);
            }
            else
            {
                entry.Expires = _time.GetUtcNow() + _lifetime;
            }

            return new Batch(items, entry.Mode, end);
        }
    }

    /// <exception cref="WsManFaultException">The context is unknown, expired, or belongs to another host.</exception>
    public void Release(string id, string host)
    {
        lock (_gate)
        {
            Purge();
            Find(id, host);
            _entries.Remove(id);
        }
    }

    private Entry Find(string id, string host) =>
        _entries.TryGetValue(id, out var entry) && string.Equals(entry.Host, host, StringComparison.OrdinalIgnoreCase)
            ? entry
            : throw new WsManFaultException(WsManFaults.InvalidEnumerationContext());

    private void Purge()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, entry) in _entries.Where(e => e.Value.Expires <= now).ToList())
        {
            _entries.Remove(id);
        }
    }

    /// <summary>Items taken by one Pull; <paramref name="End"/> when nothing is left.</summary>
    public sealed record Batch(IReadOnlyList<CimInstance> Items, EnumerationMode Mode, bool End);

    private sealed class Entry(string host, IReadOnlyList<CimInstance> items, EnumerationMode mode)
    {
        public string Host { get; } = host;

        public IReadOnlyList<CimInstance> Items { get; } = items;

        public EnumerationMode Mode { get; } = mode;

        public int Position { get; set; }

        public DateTimeOffset Expires { get; set; }
    }
}
