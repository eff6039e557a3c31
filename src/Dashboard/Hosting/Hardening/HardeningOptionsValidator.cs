using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>Checks the <c>Hardening</c> section, naming each key to fix.</summary>
public sealed class HardeningOptionsValidator : IValidateOptions<HardeningOptions>
{
    private const long MaxBodyBytes = 1024L * 1024 * 1024;
    private const long MaxMessageBytes = 16L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, HardeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = HardeningOptions.SectionName;

        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                errors.Add($"{s}:KnownProxies:{i}: '{options.KnownProxies[i]}' is not an IP address.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                errors.Add($"{s}:KnownNetworks:{i}: '{options.KnownNetworks[i]}' is not a network in CIDR form, such as 10.0.0.0/24.");
            }
        }

        // Proxies listed without BehindProxy are never consulted; that is a setup that believes it is something it is not.
        if (!options.BehindProxy && options.KnownProxies.Count + options.KnownNetworks.Count > 0)
        {
            errors.Add($"{s}:BehindProxy: is false, so {s}:KnownProxies and {s}:KnownNetworks are ignored; set it to true or remove them.");
        }

        if (options.HstsMaxAge < TimeSpan.FromMinutes(5) || options.HstsMaxAge > TimeSpan.FromDays(730))
        {
            errors.Add($"{s}:HstsMaxAge: {options.HstsMaxAge} is outside [00:05:00, 730.00:00:00].");
        }

        if (options.MaxRequestBodyBytes is < 1024 or > MaxBodyBytes)
        {
            errors.Add($"{s}:MaxRequestBodyBytes: {Format(options.MaxRequestBodyBytes)} is outside [1024, {Format(MaxBodyBytes)}].");
        }

        if (options.MaxBulkRequestBodyBytes < options.MaxRequestBodyBytes || options.MaxBulkRequestBodyBytes > MaxBodyBytes)
        {
            errors.Add($"{s}:MaxBulkRequestBodyBytes: {Format(options.MaxBulkRequestBodyBytes)} is outside " +
                $"[{s}:MaxRequestBodyBytes ({Format(options.MaxRequestBodyBytes)}), {Format(MaxBodyBytes)}].");
        }

        if (options.HubMaxReceiveMessageBytes is < 1024 or > MaxMessageBytes)
        {
            errors.Add($"{s}:HubMaxReceiveMessageBytes: {Format(options.HubMaxReceiveMessageBytes)} is outside [1024, {Format(MaxMessageBytes)}].");
        }

        if (options.CircuitMaxReceiveMessageBytes is < 1024 or > MaxMessageBytes)
        {
            errors.Add($"{s}:CircuitMaxReceiveMessageBytes: {Format(options.CircuitMaxReceiveMessageBytes)} is outside [1024, {Format(MaxMessageBytes)}].");
        }

        ValidateRate(options.SignIn, $"{s}:SignIn", errors);
        ValidateRate(options.Api, $"{s}:Api", errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateRate(HardeningRateLimit? rate, string key, List<string> errors)
    {
        if (rate is null)
        {
            errors.Add($"{key}: is missing.");
            return;
        }

        if (rate.PermitLimit is < 1 or > 1_000_000)
        {
            errors.Add($"{key}:PermitLimit: {rate.PermitLimit} is outside [1, 1000000].");
        }

        if (rate.Window < TimeSpan.FromSeconds(1) || rate.Window > TimeSpan.FromDays(1))
        {
            errors.Add($"{key}:Window: {rate.Window} is outside [00:00:01, 1.00:00:00].");
        }
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
