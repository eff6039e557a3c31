using System.Text;
using System.Text.RegularExpressions;
using CheckpointDashboard.Shared.Inventory;

namespace CheckpointDashboard.Shared.Bulk;

/// <summary>A compiled <see cref="VmSelector"/>: fast to apply to every VM of a large fleet.</summary>
public sealed class VmMatcher
{
    private readonly VmSelector _selector;
    private readonly HashSet<Guid>? _ids;
    private readonly HashSet<string>? _clusters;
    private readonly HashSet<string>? _hosts;
    private readonly Regex? _name;
    private readonly Version? _min;
    private readonly Version? _below;

    internal VmMatcher(VmSelector selector)
    {
        _selector = selector;
        _ids = selector.VmIds is { } ids ? [.. ids] : null;
        _clusters = selector.Clusters is { Count: > 0 } clusters ? new HashSet<string>(clusters, StringComparer.OrdinalIgnoreCase) : null;
        _hosts = selector.Hosts is { Count: > 0 } hosts ? new HashSet<string>(hosts, StringComparer.OrdinalIgnoreCase) : null;
        if (selector.NamePattern is { Length: > 0 } pattern)
        {
            // A timeout bounds a hostile regex (catastrophic backtracking) to 100 ms per name.
            _name = new Regex(selector.NameIsRegex ? pattern : WildcardToRegex(pattern),
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }

        _min = selector.MinConfigurationVersion is { Length: > 0 } m ? ConfigurationVersions.Parse(m) : null;
        _below = selector.BelowConfigurationVersion is { Length: > 0 } b ? ConfigurationVersions.Parse(b) : null;
    }

    public bool Matches(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (_ids is not null && !_ids.Contains(vm.Id))
        {
            return false;
        }

        if (_clusters is not null && !_clusters.Contains(vm.Cluster ?? string.Empty))
        {
            return false;
        }

        if (_hosts is not null && !_hosts.Contains(vm.Host))
        {
            return false;
        }

        if (_name is not null)
        {
            try
            {
                if (!_name.IsMatch(vm.Name))
                {
                    return false;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        if (_selector.States is { Count: > 0 } states && !states.Contains(vm.State))
        {
            return false;
        }

        if (_selector.CheckpointTypes is { Count: > 0 } types && !types.Contains(vm.CheckpointType))
        {
            return false;
        }

        if (_selector.AutomaticCheckpoints is { } automatic && vm.AutomaticCheckpoints != automatic)
        {
            return false;
        }

        if (_min is not null || _below is not null)
        {
            var version = ConfigurationVersions.Parse(vm.ConfigurationVersion);
            if (version is null || (_min is not null && version < _min) || (_below is not null && version >= _below))
            {
                return false;
            }
        }

        return _selector.HasStandardCheckpoints is not { } hasStandard ||
               vm.Checkpoints.Any(c => c.Kind == CheckpointKind.Standard) == hasStandard;
    }

    /// <summary>"DC*" → <c>^DC.*$</c>: <c>*</c> any run, <c>?</c> one character, everything else literal.</summary>
    public static string WildcardToRegex(string wildcard)
    {
        ArgumentNullException.ThrowIfNull(wildcard);
        var builder = new StringBuilder("^");
        foreach (var c in wildcard)
        {
            builder.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return builder.Append('$').ToString();
    }
}
