using System.Net;
using System.Text;
using CheckpointDashboard.HostSimulator.WsMan;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static CheckpointDashboard.Tests.Unit.HostSimulator.WsMan.WsManTestServer;

namespace CheckpointDashboard.Tests.Unit.HostSimulator.WsMan;

/// <summary>The standalone simulator's command line: parsing, validation, and the real executable.</summary>
public sealed class SimulatorCommandLineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void TryParse_FullCommandLine_ReadsEveryOption()
    {
        var ok = SimulatorCommandLine.TryParse(
            ["--urls", "https://0.0.0.0:5986", "--hosts", "12", "--seed", "7", "--vms-per-host", "4", "--user", "u", "--password=p",
             "--latency", "20ms", "--speed", "2.5", "--https", "--unreachable", "HV0001", "--error-rate", "HV0002=0.25"],
            out var line, out var error);

        Assert.True(ok, error);
        Assert.Equal("https", line.Scheme);
        Assert.Equal(IPAddress.Any, line.Address);
        Assert.Equal(5986, line.Port);
        Assert.Equal((12, 7, 4, "u", "p"), (line.Hosts, line.Seed, line.VmsPerHost, line.User, line.Password));
        Assert.Equal(TimeSpan.FromMilliseconds(20), line.Latency);
        Assert.Equal(2.5, line.Speed);
        Assert.Equal(["HV0001"], line.Unreachable);
        Assert.Equal([KeyValuePair.Create("HV0002", 0.25)], line.ErrorRates);
        var options = line.ServerOptions();
        Assert.True(options.UseHttps);
        Assert.Equal(("u", "p", 5986), (options.UserName, options.Password, options.Port));
    }

    [Fact]
    public void TryParse_NoArguments_ServesTheDefaultFleetOnLoopback5985()
    {
        Assert.True(SimulatorCommandLine.TryParse([], out var line, out _));

        Assert.Equal(("http", 5985, 0, 42), (line.Scheme, line.Port, line.Hosts, line.Seed));
        Assert.Equal(IPAddress.Loopback, line.Address);
        Assert.Equal(("sim", "sim"), (line.User, line.Password));
    }

    [Theory]
    [InlineData("--hosts abc", "--hosts must be an integer")]
    [InlineData("--hosts -1", "--hosts must be an integer of at least 0")]
    [InlineData("--vms-per-host 0", "--vms-per-host must be an integer of at least 1")]
    [InlineData("--latency soon", "--latency must be a duration")]
    [InlineData("--speed 0", "--speed must be a number above 0")]
    [InlineData("--urls ftp://127.0.0.1:1", "--urls must look like")]
    [InlineData("--urls http://example.org:80", "--urls needs an IP address")]
    [InlineData("--urls http://127.0.0.1:5985 --https", "--https needs an https:// address")]
    [InlineData("--error-rate HV01=2", "--error-rate must be NAME=RATE")]
    [InlineData("--seed", "--seed needs a value")]
    [InlineData("--frobnicate", "Unknown argument '--frobnicate'")]
    public void TryParse_BadInput_FailsNamingTheProblem(string arguments, string expected)
    {
        var ok = SimulatorCommandLine.TryParse(arguments.Split(' '), out _, out var error);

        Assert.False(ok);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SeveralProblems_ReportsThemAll()
    {
        Assert.False(SimulatorCommandLine.TryParse(["--hosts", "x", "--speed", "-1"], out _, out var error));

        Assert.Contains("--hosts", error, StringComparison.Ordinal);
        Assert.Contains("--speed", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20ms", 20)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("250", 250)]
    [InlineData("00:00:03", 3000)]
    public void TryParseDuration_CommonSpellings_AreUnderstood(string text, double milliseconds)
    {
        Assert.True(SimulatorCommandLine.TryParseDuration(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Fact]
    public void ApplyFaults_KnownAndUnknownNames_AppliesTheKnownAndNamesTheRest()
    {
        Assert.True(SimulatorCommandLine.TryParse(
            ["--hosts", "6", "--vms-per-host", "1", "--latency", "5ms", "--unreachable", "CLU001", "--malformed", "HV0001", "--hang", "NOPE"],
            out var line, out _));
        var fleet = line.CreateFleet(new FakeTimeProvider());

        var error = line.ApplyFaults(fleet);

        Assert.Contains("--hang: no host or cluster is named 'NOPE'", error, StringComparison.Ordinal);
        Assert.All(fleet.FindCluster("CLU001")!.Nodes, node => Assert.True(node.Faults.Unreachable));
        Assert.True(fleet.FindHost("HV0001")!.Faults.Malformed);
        Assert.All(fleet.Hosts, host => Assert.Equal(TimeSpan.FromMilliseconds(5), host.Faults.Latency));
        Assert.Equal(6, fleet.Hosts.Count);
    }

    [Fact]
    public async Task Executable_BadArgument_ExitsWithCode2AndUsage()
    {
        var run = await ExternalProcess.RunAsync(ExternalProcess.StartInfo(ExternalProcess.Dotnet, null, SimulatorDll, "--hosts", "lots"));

        Assert.True(run.ExitCode == 2, ExternalProcess.Describe(run));
        Assert.Contains("--hosts must be an integer", run.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_ValidArguments_ServesEveryHostAndPrintsItsUrl()
    {
        var start = ExternalProcess.StartInfo(ExternalProcess.Dotnet, null, SimulatorDll,
            "--urls", "http://127.0.0.1:0", "--hosts", "2", "--vms-per-host", "3", "--seed", "9");
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            process.StandardInput.Close();
            var lines = new List<string>();
            while (lines.LastOrDefault()?.StartsWith("(default)", StringComparison.Ordinal) != true)
            {
                var line = await process.StandardOutput.ReadLineAsync(Token).AsTask().WaitAsync(TestTimeouts.Long, Token);
                if (line is null)
                {
                    Assert.Fail("the simulator exited: " + await process.StandardError.ReadToEndAsync(Token).WaitAsync(TestTimeouts.Short, Token));
                }

                lines.Add(line);
            }

            var hostUrl = lines.Single(l => l.StartsWith("HV0002", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, hostUrl)
            {
                Content = new StringContent(Golden("Enumerate.xml", ("ResourceURI", V2 + "*"), ("MaxElements", "100"),
                    ("Filter", "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'")), Encoding.UTF8, "application/soap+xml"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sim:sim")));
            using var response = await client.SendAsync(request, Token).WaitAsync(TestTimeouts.Long, Token);
            var reply = new WsManReply(response.StatusCode, await response.Content.ReadAsStringAsync(Token).WaitAsync(TestTimeouts.Long, Token), string.Empty, null);

            Assert.Equal(3, lines.Count);
            Assert.Matches(@"^HV0001 +http://127\.0\.0\.1:\d+/HV0001/wsman ", lines[0]);
            Assert.NotEmpty(reply.AssertOk().Nodes("/s:Envelope/s:Body/n:EnumerateResponse/w:Items/cs:Msvm_ComputerSystem"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Token).WaitAsync(TestTimeouts.Long, Token);
        }
    }

    private static string SimulatorDll => Path.Combine(AppContext.BaseDirectory, "CheckpointDashboard.HostSimulator.dll");
}
