using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.WsMan;
using CheckpointDashboard.HostSimulator.Generation;
using CheckpointDashboard.HostSimulator.WsMan;

namespace CheckpointDashboard.Benchmarks;

/// <summary>
/// Parse throughput of the WS-Management client: one real EnumerateResponse captured from the simulator's server
/// (a host with many VMs and checkpoints), parsed into CIM instances. Figures are per instance (MB/s of SOAP,
/// allocations per instance), so they compare across payload sizes.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class WsManParseBenchmarks
{
    private const int Vms = 400;
    private byte[] _payload = [];
    private int _instances;
    private WsManResponseContext _context = null!;

    /// <summary>Short names keep the table readable: ComputerSystem, SettingData (VM settings and checkpoints), StorageSettings (disks).</summary>
    [Params("ComputerSystem", "SettingData", "StorageSettings")]
    public string Class { get; set; } = string.Empty;

    private string ClassName => Class switch
    {
        "SettingData" => "Msvm_VirtualSystemSettingData",
        "StorageSettings" => "Msvm_StorageAllocationSettingData",
        _ => "Msvm_ComputerSystem",
    };

    [GlobalSetup]
    public void Setup()
    {
        _payload = CaptureAsync(ClassName).GetAwaiter().GetResult();
        _context = new WsManResponseContext("HV0001", null, CimNamespaces.Virtualization, int.MaxValue);
        _instances = WsManResponseReader.ReadEnumerateResponse(_payload, _context).Items.Count;
        ThroughputConfig.Record(Class, _payload.Length, _instances);
    }

    [Benchmark(OperationsPerInvoke = 1)]
    public int Parse() => WsManResponseReader.ReadEnumerateResponse(_payload, _context).Items.Count;

    /// <summary>Enumerates one class of a generated host over real HTTP and returns the raw response envelope.</summary>
    private static async Task<byte[]> CaptureAsync(string className)
    {
        var fleet = FleetGenerator.Generate(FleetSpec.ForHosts(1, Vms, seed: 42), TimeProvider.System);
        await using var server = await SimulatorWsManHost.StartAsync(fleet, new WsManServerOptions());
        var endpoint = server.EndpointFor("HV0001");
        var header = new WsManRequestHeader(endpoint, WsManNames.WildcardResourceUri(CimNamespaces.Virtualization), WsManNames.ActionEnumerate,
            WsManRequestWriter.NewMessageId(), int.MaxValue / 2, TimeSpan.FromMinutes(1), "en-US");
        var request = WsManRequestWriter.Enumerate(header, $"SELECT * FROM {className}", 1_000_000);
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("sim:sim"u8.ToArray()));
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml;charset=UTF-8");
        using var response = await client.PostAsync(endpoint, content);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The simulator answered {(int)response.StatusCode}.");
        }

        return await response.Content.ReadAsByteArrayAsync();
    }
}
