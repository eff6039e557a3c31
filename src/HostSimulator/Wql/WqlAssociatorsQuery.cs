using System.Text;
using CheckpointDashboard.HostConnector.Cim;

namespace CheckpointDashboard.HostSimulator.Wql;

/// <summary>
/// <c>ASSOCIATORS OF {path} [WHERE AssocClass = A ResultClass = R Role = X ResultRole = Y ClassDefsOnly]</c>:
/// the instances associated with <see cref="Source"/>, optionally narrowed. Null members were not given.
/// </summary>
public sealed record WqlAssociatorsQuery(
    CimReference Source,
    string? AssocClass,
    string? ResultClass,
    string? Role,
    string? ResultRole,
    bool ClassDefsOnly) : WqlQuery
{
    /// <summary>The query as WQL text; parsing it gives an equal query.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("ASSOCIATORS OF {").Append(Source.ToWmiPath()).Append('}');
        var separator = " WHERE ";
        Append("AssocClass", AssocClass);
        Append("ResultClass", ResultClass);
        Append("Role", Role);
        Append("ResultRole", ResultRole);
        if (ClassDefsOnly)
        {
            builder.Append(separator).Append("ClassDefsOnly");
        }

        return builder.ToString();

        void Append(string keyword, string? value)
        {
            if (value is not null)
            {
                builder.Append(separator).Append(keyword).Append(" = ").Append(value);
                separator = " ";
            }
        }
    }
}
