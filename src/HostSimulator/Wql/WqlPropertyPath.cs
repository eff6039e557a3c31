using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// A property operand: a name, or a dotted path into embedded instances (<c>PrivateProperties.VmID</c>).
/// System properties <c>__CLASS</c>, <c>__NAMESPACE</c>, <c>__RELPATH</c>, <c>__PATH</c> and <c>__this</c>
/// (the instance itself, for ISA) are understood at every level.
/// </summary>
public sealed record WqlPropertyPath(string Path)
{
    /// <summary>The dot-separated names.</summary>
    public IReadOnlyList<string> Segments => Path.Split('.');

    /// <summary>
    /// The value the path names on <paramref name="instance"/>, or null when a property is missing or a step
    /// before the last does not hold an embedded instance.
    /// </summary>
    public object? Resolve(CimInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        object? current = instance;
        foreach (var segment in Segments)
        {
            if (current is not CimInstance step)
            {
                return null;
            }

            current = ResolveOne(step, segment);
        }

        return current;
    }

    public override string ToString() => Path;

    private static object? ResolveOne(CimInstance instance, string name)
    {
        if (!name.StartsWith("__", StringComparison.Ordinal))
        {
            return instance[name];
        }

        if (string.Equals(name, "__CLASS", StringComparison.OrdinalIgnoreCase))
        {
            return instance.ClassName;
        }

        if (string.Equals(name, "__NAMESPACE", StringComparison.OrdinalIgnoreCase))
        {
            return instance.Namespace;
        }

        if (string.Equals(name, "__this", StringComparison.OrdinalIgnoreCase))
        {
            return instance;
        }

        if (string.Equals(name, "__PATH", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(name, "__RELPATH", StringComparison.OrdinalIgnoreCase))
        {
            // A reference compares with a path literal by class and key values, so the relative and full
            // forms both work; an instance that knows neither its path nor its keys has no path.
            return instance.Path is not null || !instance.KeyNames.IsEmpty ? instance.ToReference() : null;
        }

        return instance[name];
    }
}
