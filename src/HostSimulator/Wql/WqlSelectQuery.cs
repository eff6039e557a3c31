using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// <c>SELECT * | Prop1, Prop2 FROM Class [WHERE expr]</c>. Choosing which instances belong to
/// <see cref="ClassName"/> (including subclasses) is the caller's job; <see cref="Matches"/> applies the
/// WHERE clause and <see cref="Project(CimInstance)"/> the property list.
/// </summary>
/// <param name="Properties">The selected property names, or null for <c>SELECT *</c>.</param>
/// <param name="ClassName">The class after FROM, as written.</param>
/// <param name="Where">The WHERE clause, or null when there is none.</param>
public sealed record WqlSelectQuery(IReadOnlyList<string>? Properties, string ClassName, WqlExpression? Where) : WqlQuery
{
    /// <summary>True when the WHERE clause (if any) accepts <paramref name="instance"/>.</summary>
    public bool Matches(CimInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Where is null || Where.Evaluate(instance);
    }

    /// <summary>
    /// The instance as WMI returns it for this query: only the selected properties plus the key properties,
    /// with the same class, namespace, key names and <see cref="CimInstance.Path"/>. <c>SELECT *</c> returns
    /// the instance itself.
    /// </summary>
    public CimInstance Project(CimInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (Properties is null)
        {
            return instance;
        }

        return new CimInstance(instance.ClassName, instance.Namespace, Project(instance, Properties), instance.KeyNames, instance.Path);
    }

    /// <summary>
    /// The property values WMI returns for a SELECT list: every property for null (<c>SELECT *</c>), else the
    /// listed properties the instance has plus its key properties (from <see cref="CimInstance.KeyNames"/> and
    /// the selectors of <see cref="CimInstance.Path"/>). Names keep the instance's own spelling and compare
    /// case-insensitively; system properties such as <c>__PATH</c> are not stored values and are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Project(CimInstance instance, IReadOnlyList<string>? properties)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (properties is null)
        {
            foreach (var (name, value) in instance.Properties)
            {
                result[name] = value;
            }

            return result;
        }

        foreach (var name in properties)
        {
            Add(name);
        }

        foreach (var key in instance.KeyNames)
        {
            Add(key);
        }

        if (instance.Path is { } path)
        {
            foreach (var (key, _) in path.Selectors)
            {
                Add(key);
            }
        }

        return result;

        void Add(string name)
        {
            if (result.ContainsKey(name) || !instance.HasProperty(name))
            {
                return;
            }

            foreach (var (stored, value) in instance.Properties)
            {
                if (string.Equals(stored, name, StringComparison.OrdinalIgnoreCase))
                {
                    result[stored] = value;
                    return;
                }
            }
        }
    }

    public bool Equals(WqlSelectQuery? other) =>
        other is not null &&
        string.Equals(ClassName, other.ClassName, StringComparison.Ordinal) &&
        Equals(Where, other.Where) &&
        (Properties is null
            ? other.Properties is null
            : other.Properties is not null && Properties.SequenceEqual(other.Properties, StringComparer.Ordinal));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ClassName, StringComparer.Ordinal);
        hash.Add(Where);
        if (Properties is not null)
        {
            foreach (var property in Properties)
            {
                hash.Add(property, StringComparer.Ordinal);
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>The query as WQL text; parsing it gives an equal query.</summary>
    public override string ToString()
    {
        var select = Properties is null ? "*" : string.Join(", ", Properties);
        return Where is null
            ? $"SELECT {select} FROM {ClassName}"
            : $"SELECT {select} FROM {ClassName} WHERE {Where}";
    }
}
