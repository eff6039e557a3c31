using System.Globalization;
using System.Net;
using CheckpointDashboard.HostSimulator.Generation;
using CheckpointDashboard.HostSimulator.Model;

namespace CheckpointDashboard.HostSimulator.WsMan;

/// <summary>
/// The standalone simulator's command line: where to listen, which fleet to generate, the one account, and faults
/// to inject. Parsing collects every problem so a user fixes them in one go.
/// </summary>
public sealed record SimulatorCommandLine
{
    public const string Usage = """
        Usage: dotnet run --project src/HostSimulator -- [options]

          --urls URL              where to listen: http://IP:PORT or https://IP:PORT (default http://127.0.0.1:5985;
                                  IP may be localhost, 0.0.0.0 or *; port 0 picks a free port)
          --hosts N               generate N hosts (about two thirds in 4-node clusters); 0 = the default fleet (default 0)
          --vms-per-host V        average VMs per host with --hosts (default 25)
          --seed S                the fleet's seed; the same seed gives the same fleet (default 42)
          --user NAME             the Basic user name (default sim)
          --password PASSWORD     the Basic password (default sim)
          --latency DURATION      added to every request, e.g. 20ms, 1.5s, 1m (default 0)
          --speed X               jobs run X times faster than on a real host (default 1)
          --https                 serve HTTPS with a self-signed certificate generated at start (pin its thumbprint)
          --unreachable NAME      NAME refuses connections (repeatable)
          --hang NAME             NAME accepts requests but never answers (repeatable)
          --malformed NAME        NAME answers with broken XML (repeatable)
          --reject-credentials NAME  NAME answers every request with 401 (repeatable)
          --error-rate NAME=RATE  a share (0-1) of NAME's requests fail with a WMI generic failure (repeatable)
          -h, --help              show this text

        Each host answers at URL/HOST/wsman (a cluster name answers as its active node); URL/wsman answers as the
        first standalone host.
        """;

    public bool ShowHelp { get; init; }

    public string Scheme { get; init; } = "http";

    public IPAddress Address { get; init; } = IPAddress.Loopback;

    public int Port { get; init; } = 5985;

    public int Hosts { get; init; }

    public int VmsPerHost { get; init; } = 25;

    public int Seed { get; init; } = 42;

    public string User { get; init; } = "sim";

    public string Password { get; init; } = "sim";

    public TimeSpan Latency { get; init; }

    public double Speed { get; init; } = 1;

    public IReadOnlyList<string> Unreachable { get; init; } = [];

    public IReadOnlyList<string> Hang { get; init; } = [];

    public IReadOnlyList<string> Malformed { get; init; } = [];

    public IReadOnlyList<string> RejectCredentials { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, double>> ErrorRates { get; init; } = [];

    /// <summary>Parses <paramref name="args"/>; false with every problem, one per line, in <paramref name="error"/>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SimulatorCommandLine result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = new List<string>();
        var line = new SimulatorCommandLine();
        var https = false;
        string? urls = null;
        var unreachable = new List<string>();
        var hang = new List<string>();
        var malformed = new List<string>();
        var reject = new List<string>();
        var rates = new List<KeyValuePair<string, double>>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inline = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            switch (arg)
            {
                case "-h" or "--help":
                    line = line with { ShowHelp = true };
                    break;
                case "--https":
                    https = true;
                    break;
                case "--urls":
                    urls = Value();
                    break;
                case "--hosts":
                    line = line with { Hosts = Integer(Value(), arg, 0) };
                    break;
                case "--vms-per-host":
                    line = line with { VmsPerHost = Integer(Value(), arg, 1) };
                    break;
                case "--seed":
                    line = line with { Seed = Integer(Value(), arg, int.MinValue) };
                    break;
                case "--user":
                    line = line with { User = NonEmpty(Value(), arg) };
                    break;
                case "--password":
                    line = line with { Password = NonEmpty(Value(), arg) };
                    break;
                case "--latency":
                    line = line with { Latency = Duration(Value(), arg) };
                    break;
                case "--speed":
                    line = line with { Speed = Speed(Value(), arg) };
                    break;
                case "--unreachable":
                    unreachable.Add(NonEmpty(Value(), arg));
                    break;
                case "--hang":
                    hang.Add(NonEmpty(Value(), arg));
                    break;
                case "--malformed":
                    malformed.Add(NonEmpty(Value(), arg));
                    break;
                case "--reject-credentials":
                    reject.Add(NonEmpty(Value(), arg));
                    break;
                case "--error-rate":
                    ErrorRate(Value(), arg);
                    break;
                default:
                    errors.Add($"Unknown argument '{args[i]}'.");
                    break;
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[++i];
                }

                errors.Add($"{arg} needs a value.");
                return string.Empty;
            }
        }

        if (urls is not null)
        {
            line = Listen(line, urls, errors);
        }
        else if (https)
        {
            line = line with { Scheme = "https", Port = 5986 };
        }

        if (https && line.Scheme != "https")
        {
            errors.Add($"--https needs an https:// address in --urls, not '{urls}'.");
        }

        result = line with
        {
            Unreachable = unreachable,
            Hang = hang,
            Malformed = malformed,
            RejectCredentials = reject,
            ErrorRates = rates,
        };
        error = errors.Count == 0 ? null : string.Join(Environment.NewLine, errors);
        return errors.Count == 0;

        int Integer(string text, string name, int min)
        {
            if (text.Length == 0)
            {
                return 0;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min)
            {
                return value;
            }

            errors.Add($"{name} must be an integer of at least {min}, not '{text}'.");
            return 0;
        }

        string NonEmpty(string text, string name)
        {
            if (text.Length == 0 && !errors.Contains($"{name} needs a value."))
            {
                errors.Add($"{name} must not be empty.");
            }

            return text;
        }

        TimeSpan Duration(string text, string name)
        {
            if (text.Length == 0)
            {
                return TimeSpan.Zero;
            }

            if (TryParseDuration(text, out var value))
            {
                return value;
            }

            errors.Add($"{name} must be a duration such as 20ms, 1.5s or 1m, not '{text}'.");
            return TimeSpan.Zero;
        }

        double Speed(string text, string name)
        {
            if (text.Length == 0)
            {
                return 1;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
            {
                return value;
            }

            errors.Add($"{name} must be a number above 0, not '{text}'.");
            return 1;
        }

        void ErrorRate(string text, string name)
        {
            if (text.Length == 0)
            {
                return;
            }

            var cut = text.LastIndexOf('=');
            if (cut > 0 && double.TryParse(text[(cut + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1)
            {
                rates.Add(KeyValuePair.Create(text[..cut], rate));
                return;
            }

            errors.Add($"{name} must be NAME=RATE with RATE between 0 and 1, not '{text}'.");
        }
    }

    /// <summary>Generates the fleet the options describe on <paramref name="time"/>.</summary>
    public SimulatedFleet CreateFleet(TimeProvider time)
    {
        var spec = Hosts > 0 ? FleetSpec.ForHosts(Hosts, VmsPerHost, Seed) : FleetSpec.Default with { Seed = Seed };
        return FleetGenerator.Generate(spec, time, Speed);
    }

    /// <summary>Applies the latency and per-host faults; null, or the names no host or cluster answers to.</summary>
    public string? ApplyFaults(SimulatedFleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var errors = new List<string>();
        if (Latency > TimeSpan.Zero)
        {
            foreach (var host in fleet.Hosts)
            {
                host.Faults = host.Faults with { Latency = Latency };
            }
        }

        Apply(Unreachable, "--unreachable", faults => faults with { Unreachable = true });
        Apply(Hang, "--hang", faults => faults with { Hang = true });
        Apply(Malformed, "--malformed", faults => faults with { Malformed = true });
        Apply(RejectCredentials, "--reject-credentials", faults => faults with { RejectCredentials = true });
        foreach (var (name, rate) in ErrorRates)
        {
            Apply([name], "--error-rate", faults => faults with { ErrorRate = rate });
        }

        return errors.Count == 0 ? null : string.Join(Environment.NewLine, errors);

        void Apply(IEnumerable<string> names, string option, Func<HostFaults, HostFaults> change)
        {
            foreach (var name in names)
            {
                // A cluster name puts the fault on every node: the cluster as a whole misbehaves.
                var hosts = fleet.FindHost(name) is { } host ? [host] : fleet.FindCluster(name)?.Nodes ?? [];
                if (hosts.Count == 0)
                {
                    errors.Add($"{option}: no host or cluster is named '{name}'.");
                }

                foreach (var target in hosts)
                {
                    target.Faults = change(target.Faults);
                }
            }
        }
    }

    /// <summary>The server options (credentials, address, port, HTTPS) the command line describes.</summary>
    public WsManServerOptions ServerOptions() => new()
    {
        UserName = User,
        Password = Password,
        UseHttps = Scheme == "https",
        ListenAddress = Address,
        Port = Port,
    };

    /// <summary>Parses 20ms, 1.5s, 2m, a bare number of milliseconds, or a TimeSpan (00:00:01).</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = TimeSpan.Zero;
        var trimmed = text.Trim();
        (string Number, double Scale) parts = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (trimmed[..^2], 1),
            _ when trimmed.EndsWith('s') || trimmed.EndsWith('S') => (trimmed[..^1], 1000),
            _ when trimmed.EndsWith('m') || trimmed.EndsWith('M') => (trimmed[..^1], 60_000),
            _ => (trimmed, 1),
        };
        if (double.TryParse(parts.Number, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0 && double.IsFinite(number) &&
            number * parts.Scale < TimeSpan.FromDays(1).TotalMilliseconds)
        {
            value = TimeSpan.FromMilliseconds(number * parts.Scale);
            return true;
        }

        if (trimmed.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            value = span;
            return true;
        }

        return false;
    }

    private static SimulatorCommandLine Listen(SimulatorCommandLine line, string urls, List<string> errors)
    {
        if (urls.Contains(';', StringComparison.Ordinal) || urls.Contains(',', StringComparison.Ordinal))
        {
            errors.Add($"--urls takes one address, not '{urls}'.");
            return line;
        }

        // Kestrel's wildcard spellings are not valid URI hosts; map them before parsing.
        var normalized = urls.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
            (uri.AbsolutePath != "/" && uri.AbsolutePath.Length > 0))
        {
            errors.Add($"--urls must look like http://127.0.0.1:5985 or https://0.0.0.0:5986, not '{urls}'.");
            return line;
        }

        IPAddress? address = uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed : null;
        if (address is null)
        {
            errors.Add($"--urls needs an IP address, localhost, 0.0.0.0 or * as its host, not '{uri.Host}'.");
            return line;
        }

        return line with { Scheme = uri.Scheme, Address = address, Port = uri.Port };
    }
}
