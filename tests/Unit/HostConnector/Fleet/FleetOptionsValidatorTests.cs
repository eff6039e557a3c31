using System.Globalization;
using CheckpointDashboard.HostConnector.Cim;
using CheckpointDashboard.HostConnector.Fleet;
using Microsoft.Extensions.Options;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.Fleet;

public class FleetOptionsValidatorTests
{
    private const string Thumbprint40 = "0123456789abcdef0123456789ABCDEF01234567";
    private static readonly string s_thumbprint64 = new('a', 64);

    /// <summary>A valid fleet: two standalone hosts and one cluster.</summary>
    private static FleetOptions Valid() => new()
    {
        Hosts =
        [
            new FleetHostOptions { Name = "HV01" },
            new FleetHostOptions { Name = "HV02", Endpoint = "https://hv02.corp.example.com:5986/wsman", Credential = "svc" },
        ],
        Clusters = [new FleetClusterOptions { Name = "CLU01", Endpoint = "https://clu01.corp.example.com:5986/wsman" }],
    };

    private static ValidateOptionsResult Validate(FleetOptions options, params string[] credentials) =>
        new FleetOptionsValidator(new FakeCredentialStore(credentials.Length == 0 ? ["svc"] : credentials)).Validate(null, options);

    /// <summary>
    /// Asserts validation failed with exactly one range error about <paramref name="key"/> (a value out of range
    /// may also break a rule between two keys, which is reported on its own).
    /// </summary>
    private static string AssertOneRangeErrorAbout(ValidateOptionsResult result, string key)
    {
        Assert.True(result.Failed, "validation should fail");
        return Assert.Single(result.Failures!, f => f.StartsWith(key + ": ", StringComparison.Ordinal) && f.Contains("is outside", StringComparison.Ordinal));
    }

    /// <summary>Asserts validation failed with this one error only.</summary>
    private static string AssertOnlyError(ValidateOptionsResult result, string key)
    {
        Assert.True(result.Failed, "validation should fail");
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(key + ":", failure, StringComparison.Ordinal);
        return failure;
    }

    [Fact]
    public void Validate_ValidFleet_Succeeds()
    {
        var result = Validate(Valid());

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Failures ?? []));
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(Validate(new FleetOptions()).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_MissingName_NamesTheKey(string name)
    {
        var options = Valid();
        options.Hosts[1].Name = name;

        var message = AssertOnlyError(Validate(options), "Fleet:Hosts:1:Name");

        Assert.Contains("required", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hv 01")]
    [InlineData("-hv01")]
    [InlineData("hv01/x")]
    [InlineData("hv01:5986")]
    public void Validate_BadName_NamesTheKeyAndTheValue(string name)
    {
        var options = Valid();
        options.Clusters[0].Name = name;
        options.Clusters[0].Endpoint = "https://clu01:5986/wsman";

        var message = AssertOnlyError(Validate(options), "Fleet:Clusters:0:Name");

        Assert.Contains($"'{name}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NameTooLong_IsRejected()
    {
        var options = Valid();
        options.Hosts[0].Name = new string('h', 254);
        options.Hosts[0].Endpoint = "https://hv01:5986/wsman";

        AssertOnlyError(Validate(options), "Fleet:Hosts:0:Name");
    }

    [Fact]
    public void Validate_DuplicateNameAcrossHostsAndClustersInOtherCase_NamesTheSecond()
    {
        var options = Valid();
        options.Clusters[0].Name = "hv01";

        var message = AssertOnlyError(Validate(options), "Fleet:Clusters:0:Name");

        Assert.Contains("more than once", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateNameAmongHosts_NamesTheSecond()
    {
        var options = Valid();
        options.Hosts[1].Name = "HV01";

        AssertOnlyError(Validate(options), "Fleet:Hosts:1:Name");
    }

    [Theory]
    [InlineData("ftp://hv02/wsman")]
    [InlineData("hv02:5986")]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    public void Validate_BadEndpointScheme_NamesTheKey(string endpoint)
    {
        var options = Valid();
        options.Hosts[1].Endpoint = endpoint;

        var message = AssertOnlyError(Validate(options), "Fleet:Hosts:1:Endpoint");

        Assert.Contains(endpoint, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SimulatorTransportWithHttpEndpoint_NamesTransport()
    {
        var options = Valid();
        options.Hosts[1].Transport = CimTransport.Simulator;

        AssertOnlyError(Validate(options), "Fleet:Hosts:1:Transport");
    }

    [Theory]
    [InlineData(CimTransport.WsMan)]
    [InlineData(CimTransport.Mmi)]
    public void Validate_RealTransportWithSimEndpoint_NamesTransport(CimTransport transport)
    {
        var options = Valid();
        options.Hosts[0].Endpoint = "sim://HV01";
        options.Hosts[0].Transport = transport;

        AssertOnlyError(Validate(options), "Fleet:Hosts:0:Transport");
    }

    [Theory]
    [InlineData(CimTransport.Auto)]
    [InlineData(CimTransport.Simulator)]
    public void Validate_SimEndpointWithAutoOrSimulator_IsValid(CimTransport transport)
    {
        var options = Valid();
        options.Hosts[0].Endpoint = "sim://HV01";
        options.Hosts[0].Transport = transport;

        Assert.True(Validate(options).Succeeded);
    }

    [Theory]
    [InlineData("Digest")]
    [InlineData("CredSSP")]
    [InlineData("")]
    public void Validate_UnknownAuthentication_NamesTheKey(string authentication)
    {
        var options = Valid();
        options.Hosts[1].Authentication = authentication;

        AssertOnlyError(Validate(options), "Fleet:Hosts:1:Authentication");
    }

    [Theory]
    [InlineData("kerberos")]
    [InlineData("NTLM")]
    [InlineData("Basic")]
    public void Validate_KnownAuthenticationInAnyCase_IsValid(string authentication)
    {
        var options = Valid();
        options.Hosts[1].Authentication = authentication;

        Assert.True(Validate(options).Succeeded);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("basic")]
    public void Validate_BasicOverHttp_IsRefused(string authentication)
    {
        var options = Valid();
        options.Hosts[1].Endpoint = "http://hv02:5985/wsman";
        options.Hosts[1].Authentication = authentication;

        var message = AssertOnlyError(Validate(options), "Fleet:Hosts:1:Authentication");

        Assert.Contains("Fleet:Hosts:1:AllowUnencryptedBasic", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BasicOverHttpWithAllowUnencryptedBasic_IsValid()
    {
        var options = Valid();
        options.Hosts[1].Endpoint = "http://hv02:5985/wsman";
        options.Hosts[1].Authentication = "Basic";
        options.Hosts[1].AllowUnencryptedBasic = true;

        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Validate_NegotiateOverHttp_IsValid()
    {
        var options = Valid();
        options.Hosts[1].Endpoint = "http://hv02:5985/wsman";

        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Validate_UnknownCredentialReference_NamesTheKeyAndWhereToDefineIt()
    {
        var options = Valid();
        options.Hosts[1].Credential = "missing";

        var message = AssertOnlyError(Validate(options, "svc"), "Fleet:Hosts:1:Credential");

        Assert.Contains("Credentials:missing:UserName", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KnownCredentialReference_IsValid()
    {
        var options = Valid();
        options.Clusters[0].Credential = "cluster-admin";

        Assert.True(Validate(options, "svc", "cluster-admin").Succeeded);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("0123456789abcdef0123456789abcdef0123456")] // 39 digits
    [InlineData("0123456789abcdef0123456789abcdef012345678")] // 41 digits
    [InlineData("01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67")]
    [InlineData("0123456789abcdef0123456789abcdef0123456g")]
    public void Validate_BadThumbprint_NamesTheKey(string thumbprint)
    {
        var options = Valid();
        options.Hosts[1].CertificateThumbprint = thumbprint;

        AssertOnlyError(Validate(options), "Fleet:Hosts:1:CertificateThumbprint");
    }

    [Fact]
    public void Validate_Sha1AndSha256Thumbprints_AreValid()
    {
        var options = Valid();
        options.Hosts[1].CertificateThumbprint = Thumbprint40;
        options.Clusters[0].CertificateThumbprint = s_thumbprint64;

        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Validate_MissingTrustedCaFile_NamesTheKey()
    {
        var options = Valid();
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-ca-{Guid.NewGuid():N}.pem");
        options.Clusters[0].TrustedCaFile = missing;

        var message = AssertOnlyError(Validate(options), "Fleet:Clusters:0:TrustedCaFile");

        Assert.Contains(missing, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExistingTrustedCaFile_IsValid()
    {
        var options = Valid();
        var file = Path.GetTempFileName();
        try
        {
            options.Clusters[0].TrustedCaFile = file;

            Assert.True(Validate(options).Succeeded);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Validate_NodeEndpointWithoutNodePlaceholder_NamesTheKey()
    {
        var options = Valid();
        options.Clusters[0].NodeEndpoint = "https://hv01.corp.example.com:5986/wsman";

        var message = AssertOnlyError(Validate(options), "Fleet:Clusters:0:NodeEndpoint");

        Assert.Contains("{node}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NodeEndpointNotAbsolute_NamesTheKey()
    {
        var options = Valid();
        options.Clusters[0].NodeEndpoint = "{node}/wsman";

        AssertOnlyError(Validate(options), "Fleet:Clusters:0:NodeEndpoint");
    }

    [Fact]
    public void Validate_NodeEndpointTemplate_IsValid()
    {
        var options = Valid();
        options.Clusters[0].NodeEndpoint = "https://{NODE}.corp.example.com:5986/wsman";

        Assert.True(Validate(options).Succeeded);
    }

    [Theory]
    [InlineData("RefreshInterval", "00:00:00.999")]
    [InlineData("RefreshInterval", "1.00:00:01")]
    [InlineData("ClusterDiscoveryInterval", "00:00:00.5")]
    [InlineData("ClusterDiscoveryInterval", "1.00:00:01")]
    [InlineData("HostTimeout", "00:00:00.099")]
    [InlineData("HostTimeout", "01:00:01")]
    [InlineData("OperationTimeout", "00:00:00.049")]
    [InlineData("OperationTimeout", "01:00:01")]
    [InlineData("RetryDelay", "-00:00:01")]
    [InlineData("RetryDelay", "00:05:01")]
    [InlineData("CircuitBreakDuration", "00:00:00.499")]
    [InlineData("CircuitBreakDuration", "1.00:00:01")]
    [InlineData("DiskScanInterval", "00:00:00.999")]
    [InlineData("DiskScanInterval", "7.00:00:01")]
    [InlineData("PublishCoalescing", "-00:00:00.001")]
    [InlineData("PublishCoalescing", "00:00:05.001")]
    public void Validate_TimeSpanOutOfRange_NamesTheKey(string property, string value)
    {
        var options = Valid();
        options.MaxBackoff = TimeSpan.FromDays(2);
        options.HostTimeout = TimeSpan.FromMinutes(59);
        SetProperty(options, property, TimeSpan.Parse(value, CultureInfo.InvariantCulture));

        var message = AssertOneRangeErrorAbout(Validate(options), $"Fleet:{property}");

        Assert.Contains(value.TrimStart('-'), message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RefreshInterval", "00:00:01")]
    [InlineData("RefreshInterval", "1.00:00:00")]
    [InlineData("HostTimeout", "00:00:00.1")]
    [InlineData("OperationTimeout", "00:00:00.05")]
    [InlineData("RetryDelay", "00:00:00")]
    [InlineData("RetryDelay", "00:05:00")]
    [InlineData("PublishCoalescing", "00:00:00")]
    [InlineData("PublishCoalescing", "00:00:05")]
    [InlineData("DiskScanInterval", "7.00:00:00")]
    public void Validate_TimeSpanAtRangeLimit_IsValid(string property, string value)
    {
        var options = Valid();
        options.MaxBackoff = TimeSpan.FromDays(2);
        options.OperationTimeout = TimeSpan.FromMilliseconds(50);
        SetProperty(options, property, TimeSpan.Parse(value, CultureInfo.InvariantCulture));

        var result = Validate(options);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Failures ?? []));
    }

    [Theory]
    [InlineData("MaxConcurrency", 0)]
    [InlineData("MaxConcurrency", 4097)]
    [InlineData("Retries", -1)]
    [InlineData("Retries", 11)]
    [InlineData("CircuitBreakerFailures", 1)]
    [InlineData("CircuitBreakerFailures", 1001)]
    [InlineData("MaxDiskScansPerRefresh", -1)]
    [InlineData("MaxDiskScansPerRefresh", 10_001)]
    public void Validate_IntegerOutOfRange_NamesTheKey(string property, int value)
    {
        var options = Valid();
        SetProperty(options, property, value);

        var message = AssertOnlyError(Validate(options), $"Fleet:{property}");

        Assert.Contains(value.ToString(CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxConcurrency", 1)]
    [InlineData("MaxConcurrency", 4096)]
    [InlineData("Retries", 0)]
    [InlineData("Retries", 10)]
    [InlineData("CircuitBreakerFailures", 2)]
    [InlineData("MaxDiskScansPerRefresh", 0)]
    public void Validate_IntegerAtRangeLimit_IsValid(string property, int value)
    {
        var options = Valid();
        SetProperty(options, property, value);

        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Validate_MaxBackoffShorterThanRefreshInterval_NamesMaxBackoff()
    {
        var options = Valid();
        options.RefreshInterval = TimeSpan.FromMinutes(10);
        options.MaxBackoff = TimeSpan.FromMinutes(9);

        var message = AssertOnlyError(Validate(options), "Fleet:MaxBackoff");

        Assert.Contains("Fleet:RefreshInterval", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxBackoffEqualToRefreshInterval_IsValid()
    {
        var options = Valid();
        options.MaxBackoff = options.RefreshInterval;

        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Validate_OperationTimeoutLongerThanHostTimeout_NamesOperationTimeout()
    {
        var options = Valid();
        options.HostTimeout = TimeSpan.FromSeconds(10);
        options.OperationTimeout = TimeSpan.FromSeconds(11);

        var message = AssertOnlyError(Validate(options), "Fleet:OperationTimeout");

        Assert.Contains("Fleet:HostTimeout", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_AreAllReportedAtOnce()
    {
        var options = Valid();
        options.Hosts.Add(new FleetHostOptions { Name = string.Empty });
        options.Hosts[0].Endpoint = "ftp://hv01";
        options.Hosts[1].Credential = "nobody";
        options.Hosts[1].CertificateThumbprint = "abc";
        options.Clusters[0].NodeEndpoint = "https://nodes.example.com";
        options.Retries = 50;
        options.HostTimeout = TimeSpan.FromSeconds(5);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Fleet:Hosts:0:Endpoint",
                "Fleet:Hosts:1:Credential",
                "Fleet:Hosts:1:CertificateThumbprint",
                "Fleet:Hosts:2:Name",
                "Fleet:Clusters:0:NodeEndpoint",
                "Fleet:OperationTimeout",
                "Fleet:Retries",
            ],
            result.Failures!.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]));
    }

    private static void SetProperty(FleetOptions options, string name, object value) =>
        typeof(FleetOptions).GetProperty(name)!.SetValue(options, value);
}
