using System.Net;
using System.Text.Json.Serialization;
using CheckpointDashboard.Shared.Jobs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CheckpointDashboard.Benchmarks.Progress;

/// <summary>
/// One browser-like client of <c>/hubs/jobs</c>: a real SignalR connection over WebSockets, authenticated by the cookie
/// of a form sign-in, following all jobs, recording each event it receives with the time it arrived.
/// </summary>
internal sealed class ProgressClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Receipt> _receipts = [];
    private readonly HashSet<Guid> _finished = [];
    private readonly HubConnection _connection;
    private readonly TimeProvider _time;
    private int _created;

    private ProgressClient(HubConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>Connects, subscribes to all jobs, and returns once the subscription is in place.</summary>
    public static async Task<ProgressClient> ConnectAsync(Uri baseAddress, CookieContainer cookies, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/jobs"), options =>
            {
                options.Cookies = cookies;
                options.Transports = HttpTransportType.WebSockets;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        var client = new ProgressClient(connection, time);
        connection.On<JobInfo>("JobCreated", _ => Interlocked.Increment(ref client._created));
        connection.On<JobProgress>("JobProgress", p => client.Record(new Receipt(p.JobId, p.Percent, p.State, false, time.GetUtcNow(), p.At)));
        connection.On<JobInfo>("JobFinished", j => client.Record(new Receipt(j.Id, j.Percent, j.State, true, time.GetUtcNow(), j.FinishedAt)));
        try
        {
            await connection.StartAsync(cancellationToken);
            await connection.InvokeAsync("SubscribeAll", cancellationToken);
            return client;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Events received: created, progress and finished.</summary>
    public int Delivered
    {
        get
        {
            lock (_gate)
            {
                return _receipts.Count + Volatile.Read(ref _created);
            }
        }
    }

    public bool HasFinished(IEnumerable<Guid> jobIds)
    {
        lock (_gate)
        {
            return jobIds.All(_finished.Contains);
        }
    }

    /// <summary>Progress and finished events received so far, in arrival order.</summary>
    public IReadOnlyList<Receipt> Receipts()
    {
        lock (_gate)
        {
            return [.. _receipts];
        }
    }

    /// <summary>Forgets what was received (after the warm-up).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _receipts.Clear();
            _finished.Clear();
            Volatile.Write(ref _created, 0);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private void Record(Receipt receipt)
    {
        lock (_gate)
        {
            _receipts.Add(receipt);
            if (receipt.Finished)
            {
                _finished.Add(receipt.JobId);
            }
        }
    }
}
